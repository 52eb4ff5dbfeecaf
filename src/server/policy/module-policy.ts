import type { Role } from '../../contract/accounts.js';
import { DeniedError } from '../http/problems.js';
import type { Actor, RequestContext } from './actor.js';
import type { Action } from './permissions.js';
import { type Decision, decide, type Reach, type Resource, reach } from './policy.js';

/**
 * A module's policy: the actions of the permission table that the module answers for (its type
 * parameter, so a service cannot ask about another module's actions by mistake). The table stays
 * the single source of who may do what; each module's `policy.ts` names its slice of it, and its
 * services ask it — never the route alone.
 */
export function modulePolicy<A extends Action>() {
  return policyOf<A>();
}

/** The actions a module policy answers for. */
export type ActionOf<P> = P extends ModulePolicy<infer A> ? A : never;
export type ModulePolicy<A extends Action> = ReturnType<typeof policyOf<A>>;

function policyOf<A extends Action>() {
  return {
    /** The table's full answer, with the reason when refused. */
    decide: (actor: Actor, action: A, resource?: Resource): Decision => decide(actor, action, resource),
    can: (actor: Actor, action: A, resource?: Resource): boolean => decide(actor, action, resource).allowed,
    /** Which records the action reaches, to filter a list (policy.ts `reach`). */
    reach: (actor: Actor, action: A): Reach => reach(actor, action),
    /** A reply's `can` object: each of the reader's possible actions on `resource`, by name. */
    abilities<K extends string>(actor: Actor, actions: Record<K, A>, resource?: Resource): Record<K, boolean> {
      const entries = Object.entries(actions) as Array<[K, A]>;
      return Object.fromEntries(
        entries.map(([name, action]) => [name, decide(actor, action, resource).allowed]),
      ) as Record<K, boolean>;
    },
    /** The role that allows it, for the audit trail; a 401/403 problem document when none does. */
    require(ctx: RequestContext, action: A, resource?: Resource): Role | null {
      const decision = decide(ctx.actor, action, resource);
      if (!decision.allowed) throw new DeniedError(decision.status, decision.reason, action);
      return decision.role;
    },
  };
}
