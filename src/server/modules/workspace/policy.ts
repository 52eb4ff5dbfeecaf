import { modulePolicy } from '../../policy/module-policy.js';

/** The workspace: one's own page. Whose delegations one reads says which states and partners one
 * acts for; drafts and registration counts are the secretariat's, as in the meetings area. */
export const workspacePolicy = modulePolicy<
  'workspace.read' | 'delegations.read' | 'delegations.accredit' | 'meetings.read-drafts' | 'meetings.remind-states'
>();
