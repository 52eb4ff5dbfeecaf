import { DeniedError, ProblemError } from '../http/problems.js';
import type { Actor, RequestContext } from './actor.js';
import type { Action } from './permissions.js';
import { decide } from './policy.js';

export type UserActor = Extract<Actor, { kind: 'user' }>;

/**
 * The caller acting on their own account, once the permission table agrees; `ownerId` is whose
 * record it is when the record names its owner (a token, a session), else the caller's.
 */
export function ownAccountActor(ctx: RequestContext, action: Action, ownerId?: string): UserActor {
  const { actor } = ctx;
  const decision = decide(actor, action, { userId: ownerId ?? (actor.kind === 'user' ? actor.userId : null) });
  if (!decision.allowed) throw new DeniedError(decision.status, decision.reason, action);
  if (actor.kind !== 'user') throw new DeniedError(401, 'sign-in', action);
  return actor;
}

/**
 * The same, for changes that only a person at a signed-in session may make: an API token may
 * reduce what can reach the account (revoke, sign out) but never add to it (new tokens, a new
 * second factor), so a leaked token cannot entrench itself.
 */
export function ownSessionActor(
  ctx: RequestContext,
  action: Action,
): UserActor & { sessionId: string; secondFactorPassed: boolean } {
  const actor = ownAccountActor(ctx, action);
  if (actor.credential.type !== 'session') throw new ProblemError(403, 'session-required', 'account.sessionRequired');
  return { ...actor, sessionId: actor.credential.id, secondFactorPassed: actor.credential.secondFactor };
}
