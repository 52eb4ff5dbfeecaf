import type { Role } from '../../contract/accounts.js';
import type { Actor, ActorGrant } from './actor.js';
import { type Action, PERMISSIONS, ROLES_REQUIRING_SECOND_FACTOR, type Rule, type Scope } from './permissions.js';

/** What a scoped action is about; omitted when asking whether an actor may do it at all. */
export interface Resource {
  memberStateId?: string | null;
  technicalGroupId?: string | null;
  partnerId?: string | null;
  /** The user an account action is about. */
  userId?: string | null;
}

export type Decision =
  | { allowed: true; role: Role | null }
  | { allowed: false; status: 401 | 403; reason: 'sign-in' | 'second-factor' | 'read-only-token' | 'role' | 'scope' };

function inScope(grant: ActorGrant, scope: Scope, resource: Resource | undefined): boolean {
  if (scope === 'any' || resource === undefined) return true;
  if (scope === 'own-state') return grant.memberStateId !== null && grant.memberStateId === resource.memberStateId;
  if (scope === 'own-group')
    return grant.technicalGroupId !== null && grant.technicalGroupId === resource.technicalGroupId;
  return grant.partnerId !== null && grant.partnerId === resource.partnerId;
}

/**
 * Does this session still owe its second factor? Yes when a role requires one, and also when the
 * user turned two-factor on of their own accord: a factor one has set up must not be skippable.
 * Demo users are never asked; API tokens are a credential of their own.
 */
export function needsSecondFactor(actor: Actor): boolean {
  return (
    actor.kind === 'user' &&
    !actor.demo &&
    actor.credential.type === 'session' &&
    !actor.credential.secondFactor &&
    (actor.twoFactorEnabled === true || actor.grants.some((g) => ROLES_REQUIRING_SECOND_FACTOR.includes(g.role)))
  );
}

/**
 * May `actor` do `action` (on `resource`)? Without a resource the answer is whether any of the
 * actor's grants could allow it; services ask again with the resource. The role that allowed it is
 * returned for the audit trail.
 */
export function decide(actor: Actor, action: Action, resource?: Resource): Decision {
  const rule: Rule = PERMISSIONS[action];
  if (rule.public) return { allowed: true, role: null };
  if (actor.kind === 'public') return { allowed: false, status: 401, reason: 'sign-in' };
  if (needsSecondFactor(actor) && !rule.beforeSecondFactor)
    return { allowed: false, status: 403, reason: 'second-factor' };
  if (rule.write && actor.credential.type === 'token' && actor.credential.scope === 'read') {
    return { allowed: false, status: 403, reason: 'read-only-token' };
  }
  if (rule.signedIn && (resource?.userId === undefined || resource.userId === actor.userId)) {
    return { allowed: true, role: null };
  }
  const roles = rule.roles ?? {};
  const candidates = actor.grants.filter((g) => roles[g.role] !== undefined);
  if (candidates.length === 0) return { allowed: false, status: 403, reason: 'role' };
  const granting = candidates.find((g) => inScope(g, roles[g.role] as Scope, resource));
  return granting ? { allowed: true, role: granting.role } : { allowed: false, status: 403, reason: 'scope' };
}

/** The records an action reaches: all of them, or only those of the listed states, groups and
 * partner organisations (none at all when the actor may not do it). */
export type Reach =
  | { all: true }
  | { all: false; memberStateIds: string[]; technicalGroupIds: string[]; partnerIds: string[] };

const unique = (ids: Array<string | null>) => [...new Set(ids.filter((id): id is string => id !== null))];

/**
 * What `action` reaches for `actor`, for filtering a list in one query rather than asking record
 * by record. Decided like `decide` (sign-in, second factor, token scope first), then widened by
 * each grant's scope.
 */
export function reach(actor: Actor, action: Action): Reach {
  const nothing: Reach = { all: false, memberStateIds: [], technicalGroupIds: [], partnerIds: [] };
  if (!decide(actor, action).allowed) return nothing;
  const rule: Rule = PERMISSIONS[action];
  if (rule.public || rule.signedIn || actor.kind === 'public') return { all: true };
  const roles = rule.roles ?? {};
  const grants = actor.grants.filter((g) => roles[g.role] !== undefined);
  if (grants.some((g) => roles[g.role] === 'any')) return { all: true };
  const scoped = (scope: Scope) => grants.filter((g) => roles[g.role] === scope);
  return {
    all: false,
    memberStateIds: unique(scoped('own-state').map((g) => g.memberStateId)),
    technicalGroupIds: unique(scoped('own-group').map((g) => g.technicalGroupId)),
    partnerIds: unique(scoped('own-partner').map((g) => g.partnerId)),
  };
}

/** The roles whose grants allow `action` (with `scope`, when given): for queries that look for
 * the people who may do something, e.g. whom to tell. */
export function rolesAllowed(action: Action, scope?: Scope): Role[] {
  const roles: Partial<Record<Role, Scope>> = (PERMISSIONS[action] as Rule).roles ?? {};
  return (Object.keys(roles) as Role[]).filter((role) => scope === undefined || roles[role] === scope);
}
