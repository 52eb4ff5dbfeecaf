import { modulePolicy } from '../../policy/module-policy.js';

/** What one's own account may do across the portal, for the menus `/me` offers (each module decides again). */
export const accountPolicy = modulePolicy<
  | 'users.read'
  | 'users.invite'
  | 'audit.read'
  | 'meetings.create'
  | 'partners.manage'
  | 'outcome-documents.draft'
  | 'follow-up.manage'
  | 'follow-up.report'
  | 'outcome-documents.chair'
  | 'outcome-documents.amend'
  | 'outcome-documents.footnote'
  | 'outcome-documents.share'
  | 'observatory.read-briefs'
>();
