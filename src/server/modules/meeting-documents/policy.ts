import { modulePolicy } from '../../policy/module-policy.js';

/** Meeting documents: public ones for everyone, delegations-only ones for those with a delegation grant; managed by the secretariat. */
export const meetingDocumentsPolicy = modulePolicy<
  | 'meeting-documents.read'
  | 'meeting-documents.read-delegations'
  | 'meeting-documents.manage'
  | 'meeting-documents.override'
>();
