import { modulePolicy } from '../../policy/module-policy.js';

/** Minutes, reports and decisions: drafted by the secretariat, shared with delegations for comment (each state on its own behalf), public once final. */
export const meetingRecordsPolicy = modulePolicy<
  | 'meeting-records.read'
  | 'meeting-records.read-drafts'
  | 'meeting-records.read-comments'
  | 'meeting-records.manage'
  | 'meeting-records.override'
  | 'meeting-records.comment'
>();
