import { modulePolicy } from '../../policy/module-policy.js';

/** Follow-up: public reports for everyone; a focal point reports for their own state, the secretariat reviews. */
export const followUpPolicy = modulePolicy<
  'follow-up.read' | 'follow-up.read-reports' | 'follow-up.manage' | 'follow-up.report'
>();
