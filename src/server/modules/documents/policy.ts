import { modulePolicy } from '../../policy/module-policy.js';

/** Outcome documents: adopted ones for everyone; the others for the secretariat and the delegations
 * of their meeting; drafted and chaired by the secretariat; amended, and footnoted, by a state. */
export const documentsPolicy = modulePolicy<
  | 'outcome-documents.read-drafts'
  | 'outcome-documents.draft'
  | 'outcome-documents.chair'
  | 'outcome-documents.amend'
  | 'outcome-documents.footnote'
  | 'outcome-documents.share'
>();
