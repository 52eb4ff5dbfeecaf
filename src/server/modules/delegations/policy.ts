import { modulePolicy } from '../../policy/module-policy.js';

/** Delegations: a state reads and registers only its own (a partner as observer); the secretariat accredits. The published list's visibility is a setting of the meeting (meetings.update). */
export const delegationsPolicy = modulePolicy<
  | 'delegations.read'
  | 'delegations.register'
  | 'delegations.register-any-time'
  | 'delegations.accredit'
  | 'participants.read'
  | 'participants.read-delegations'
  | 'participants.read-hidden'
  | 'meetings.update'
>();
