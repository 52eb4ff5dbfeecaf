import { PAGE_AUDIENCE, type PortalPath } from '../../domain/portal-routes.js';
import type { RecordPath } from '../http/portal.js';

/** A record of the reference data that each record page names (any token: token pages always
 * answer 200; a user id is looked up only for those who may read accounts). */
export const SAMPLE_RECORD_PAGES: Record<RecordPath, string> = {
  '/meetings/:slug': '/meetings/mispa-v',
  '/meetings/:slug/edit': '/meetings/mispa-v/edit',
  '/meetings/:slug/documents': '/meetings/mispa-v/documents',
  '/meetings/:slug/registration': '/meetings/mispa-v/registration',
  '/meetings/:slug/participants': '/meetings/mispa-v/participants',
  '/meetings/:slug/agenda': '/meetings/mispa-v/agenda',
  '/meetings/:slug/records': '/meetings/mispa-v/records',
  '/documents/:slug': '/documents/commitment-public-security-americas',
  '/documents/:slug/edit': '/documents/commitment-public-security-americas/edit',
  '/technical-groups/:slug': '/technical-groups/police-management',
  '/member-states/:slug': '/member-states/ec',
  '/observatory/:code': '/observatory/homicide-rate',
  '/follow-up/states/:slug': '/follow-up/states/ec',
  '/admin/users/:id': '/admin/users/any',
  '/invitation/:token': '/invitation/any',
  '/password-reset/:token': '/password-reset/any',
};

/** A page's path with a sample record in place of its parameter. */
export const samplePath = (page: PortalPath): string =>
  page in SAMPLE_RECORD_PAGES ? SAMPLE_RECORD_PAGES[page as RecordPath] : page;

/** The public pages (PAGE_AUDIENCE). */
export type PublicPath = { [P in PortalPath]: (typeof PAGE_AUDIENCE)[P] extends 'public' ? P : never }[PortalPath];
export const PUBLIC_PATHS = (Object.keys(PAGE_AUDIENCE) as PortalPath[]).filter(
  (page): page is PublicPath => PAGE_AUDIENCE[page] === 'public',
);
