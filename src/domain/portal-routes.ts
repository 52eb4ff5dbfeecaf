/** The public portal's pages, without the language prefix (`/en`, `/es`, …). The server answers
 * 404 for any other path under a language, and the web router maps each of these to one page. */
export const PORTAL_PATHS = [
  '/',
  '/meetings',
  '/meetings/:slug',
  // Meetings run on the platform (issue 4): the secretariat's forms, and the public calendar.
  '/meetings/new',
  '/meetings/:slug/edit',
  '/meetings/:slug/documents',
  '/meetings/:slug/registration',
  '/meetings/:slug/participants',
  '/meetings/:slug/agenda',
  '/meetings/:slug/records',
  '/calendar',
  '/documents',
  '/documents/:slug',
  '/technical-groups',
  '/technical-groups/:slug',
  '/member-states',
  '/member-states/:slug',
  '/pillars',
  '/networks',
  '/team',
  '/about',
  // Accounts (issue 3): signing in, one's own account, and the secretariat's administration.
  '/sign-in',
  '/two-factor',
  '/account',
  '/invitation/:token',
  '/password-reset',
  '/password-reset/:token',
  '/admin/users',
  '/admin/users/:id',
  '/admin/audit',
  '/admin/partners',
] as const;
export type PortalPath = (typeof PORTAL_PATHS)[number];
