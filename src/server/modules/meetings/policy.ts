import { modulePolicy } from '../../policy/module-policy.js';
import type { Action } from '../../policy/permissions.js';

/** Meetings: drafts are the secretariat's; every lifecycle transition is an action of its own. */
export const meetingsPolicy = modulePolicy<Extract<Action, `meetings.${string}`>>();
