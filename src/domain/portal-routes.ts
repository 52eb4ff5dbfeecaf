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
  // Outcome documents drafted on the platform (issue 13): the secretariat's forms.
  '/documents/new',
  '/documents/:slug/edit',
  '/technical-groups',
  '/technical-groups/:slug',
  '/member-states',
  '/member-states/:slug',
  '/pillars',
  // The observatory (issue 14): the indicator catalogue and each indicator's charts, map and trends.
  '/observatory',
  '/observatory/:code',
  // The secretariat's regional-concerns briefs for meetings.
  '/observatory/briefs',
  // The follow-up of recommendations (issue 15): cycles, the matrix, the rates and map, and each
  // state's profile (its public reports).
  '/follow-up',
  '/follow-up/matrix',
  '/follow-up/rates',
  '/follow-up/states/:slug',
  '/networks',
  '/team',
  '/about',
  // Accounts (issue 3): signing in, one's own account, and the secretariat's administration.
  '/sign-in',
  '/two-factor',
  '/account',
  // Where each signed-in user lands (issue 16): what waits for them.
  '/workspace',
  // One's notifications in full (issue 16): the bell shows the newest, this page all of them.
  '/notifications',
  '/invitation/:token',
  '/password-reset',
  '/password-reset/:token',
  '/admin/users',
  '/admin/users/:id',
  '/admin/audit',
  '/admin/partners',
  // Follow-up of recommendations (issue 15): the secretariat's cycles and reviews, the states' reports.
  '/follow-up/reporting',
] as const;
export type PortalPath = (typeof PORTAL_PATHS)[number];

/**
 * Who each page is for. `public` pages are read by anyone, including search engines: /sitemap.xml
 * lists them (record pages for each record the public may read) and /robots.txt allows them.
 * `private` pages are signing in, one's own account, one-time links, the secretariat's forms and
 * administration, and a state's registration: /robots.txt disallows them. A new page does not
 * compile until it is placed here.
 */
export const PAGE_AUDIENCE = {
  '/': 'public',
  '/meetings': 'public',
  '/meetings/:slug': 'public',
  '/meetings/new': 'private',
  '/meetings/:slug/edit': 'private',
  '/meetings/:slug/documents': 'public',
  '/meetings/:slug/registration': 'private',
  '/meetings/:slug/participants': 'public',
  '/meetings/:slug/agenda': 'public',
  // Final minutes, report and decisions are public; drafts stay with the secretariat.
  '/meetings/:slug/records': 'public',
  '/calendar': 'public',
  '/documents': 'public',
  '/documents/:slug': 'public',
  '/documents/new': 'private',
  '/documents/:slug/edit': 'private',
  '/technical-groups': 'public',
  '/technical-groups/:slug': 'public',
  '/member-states': 'public',
  '/member-states/:slug': 'public',
  '/pillars': 'public',
  '/observatory': 'public',
  '/observatory/:code': 'public',
  '/observatory/briefs': 'private',
  // What states made public; the secretariat's and focal points' screens are elsewhere.
  '/follow-up': 'public',
  '/follow-up/matrix': 'public',
  '/follow-up/rates': 'public',
  '/follow-up/states/:slug': 'public',
  '/networks': 'public',
  '/team': 'public',
  '/about': 'public',
  '/sign-in': 'private',
  '/two-factor': 'private',
  '/account': 'private',
  '/workspace': 'private',
  '/notifications': 'private',
  '/invitation/:token': 'private',
  '/password-reset': 'private',
  '/password-reset/:token': 'private',
  '/admin/users': 'private',
  '/admin/users/:id': 'private',
  '/admin/audit': 'private',
  '/admin/partners': 'private',
  '/follow-up/reporting': 'private',
} as const satisfies Record<PortalPath, 'public' | 'private'>;

export type PublicPortalPath = {
  [P in PortalPath]: (typeof PAGE_AUDIENCE)[P] extends 'public' ? P : never;
}[PortalPath];
export type PrivatePortalPath = Exclude<PortalPath, PublicPortalPath>;

const pathsOf = <A extends 'public' | 'private'>(audience: A) =>
  PORTAL_PATHS.filter((p) => PAGE_AUDIENCE[p] === audience);
export const PUBLIC_PATHS = pathsOf('public') as PublicPortalPath[];
export const PRIVATE_PATHS = pathsOf('private') as PrivatePortalPath[];
