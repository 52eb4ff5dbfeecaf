import type { ComponentType } from 'react';
import { type LoaderFunction, type RouteObject, redirect } from 'react-router';
import { PORTAL_PATHS, type PortalPath } from '../../domain/portal-routes.js';
import { Layout } from '../features/layout/Layout.js';
import { preferredLang } from '../i18n/languages.js';
import { ErrorPage } from '../routes/ErrorPage.js';
import { HomePage } from '../routes/HomePage.js';
import { NotFoundPage } from '../routes/NotFoundPage.js';

// Typed against the shared list, so the server's 404 rule and these pages cannot drift apart. Each
// page but the home page is its own chunk, fetched when first visited: the home page's JavaScript
// stays small (docs/performance.md).
const PAGES: Record<Exclude<PortalPath, '/'>, () => Promise<ComponentType>> = {
  '/meetings': async () => (await import('../routes/MeetingsPage.js')).MeetingsPage,
  '/meetings/:slug': async () => (await import('../routes/MeetingPage.js')).MeetingPage,
  '/meetings/new': async () => (await import('../routes/MeetingFormPages.js')).MeetingNewPage,
  '/meetings/:slug/edit': async () => (await import('../routes/MeetingFormPages.js')).MeetingEditPage,
  '/meetings/:slug/documents': async () => (await import('../routes/MeetingDocumentsPage.js')).MeetingDocumentsPage,
  '/meetings/:slug/registration': async () =>
    (await import('../routes/MeetingRegistrationPage.js')).MeetingRegistrationPage,
  '/meetings/:slug/participants': async () =>
    (await import('../routes/MeetingParticipantsPage.js')).MeetingParticipantsPage,
  '/meetings/:slug/agenda': async () => (await import('../routes/MeetingAgendaPage.js')).MeetingAgendaPage,
  '/meetings/:slug/records': async () => (await import('../routes/MeetingRecordsPage.js')).MeetingRecordsPage,
  '/calendar': async () => (await import('../routes/CalendarPage.js')).CalendarPage,
  '/documents': async () => (await import('../routes/DocumentsPage.js')).DocumentsPage,
  '/documents/:slug': async () => (await import('../routes/DocumentPage.js')).DocumentPage,
  '/documents/new': async () => (await import('../routes/DocumentFormPages.js')).DocumentNewPage,
  '/documents/:slug/edit': async () => (await import('../routes/DocumentFormPages.js')).DocumentEditPage,
  '/technical-groups': async () => (await import('../routes/TechnicalGroupsPage.js')).TechnicalGroupsPage,
  '/technical-groups/:slug': async () => (await import('../routes/TechnicalGroupPage.js')).TechnicalGroupPage,
  '/member-states': async () => (await import('../routes/MemberStatesPage.js')).MemberStatesPage,
  '/member-states/:slug': async () => (await import('../routes/MemberStatePage.js')).MemberStatePage,
  '/pillars': async () => (await import('../routes/PillarsPage.js')).PillarsPage,
  '/observatory': async () => (await import('../routes/ObservatoryPage.js')).ObservatoryPage,
  '/observatory/:code': async () => (await import('../routes/IndicatorPage.js')).IndicatorPage,
  '/observatory/briefs': async () => (await import('../routes/RegionalBriefsPage.js')).RegionalBriefsPage,
  '/follow-up': async () => (await import('../routes/FollowUpPage.js')).FollowUpPage,
  '/follow-up/matrix': async () => (await import('../routes/FollowUpMatrixPage.js')).FollowUpMatrixPage,
  '/follow-up/rates': async () => (await import('../routes/FollowUpRatesPage.js')).FollowUpRatesPage,
  '/follow-up/states/:slug': async () => (await import('../routes/FollowUpStatePage.js')).FollowUpStatePage,
  '/networks': async () => (await import('../routes/NetworksPage.js')).NetworksPage,
  '/team': async () => (await import('../routes/TeamPage.js')).TeamPage,
  '/about': async () => (await import('../routes/AboutPage.js')).AboutPage,
  '/sign-in': async () => (await import('../routes/SignInPage.js')).SignInPage,
  '/two-factor': async () => (await import('../routes/TwoFactorPage.js')).TwoFactorPage,
  '/account': async () => (await import('../routes/AccountPage.js')).AccountPage,
  '/workspace': async () => (await import('../routes/WorkspacePage.js')).WorkspacePage,
  '/notifications': async () => (await import('../routes/NotificationsPage.js')).NotificationsPage,
  '/invitation/:token': async () => (await import('../routes/InvitationPage.js')).InvitationPage,
  '/password-reset': async () => (await import('../routes/PasswordResetRequestPage.js')).PasswordResetRequestPage,
  '/password-reset/:token': async () => (await import('../routes/PasswordResetPage.js')).PasswordResetPage,
  '/admin/users': async () => (await import('../routes/UsersPage.js')).UsersPage,
  '/admin/users/:id': async () => (await import('../routes/UserPage.js')).UserPage,
  '/admin/audit': async () => (await import('../routes/AuditPage.js')).AuditPage,
  '/admin/partners': async () => (await import('../routes/PartnersAdminPage.js')).PartnersAdminPage,
  '/follow-up/reporting': async () => (await import('../routes/FollowUpReportingPage.js')).FollowUpReportingPage,
};

/** Shown while a page's loaders run on the first load in the browser: nothing, briefly. */
const NothingYet = () => null;

/** What must be ready before a page renders: its language (`language`, on the layout) and, for
 * every page but the home page, its whole catalog (`catalog`). The browser fetches catalogs; the
 * server renders with whole catalogs already loaded, so its loaders have nothing to do. */
export interface PageLoaders {
  language: LoaderFunction;
  catalog: LoaderFunction;
}

/**
 * The portal's route tree, one for the browser and the server (entry-server.tsx): the same pages
 * under the same ids, so the server's router state hydrates the browser's. Pages load their data
 * with TanStack Query; the server renders until every query a page asks for has its answer.
 */
export function portalRoutes(loaders: PageLoaders): RouteObject[] {
  return [
    // The server redirects '/' from Accept-Language; this covers the Vite dev server.
    { path: '/', loader: () => redirect(`/${preferredLang()}/`) },
    {
      path: '/:lang',
      loader: loaders.language,
      Component: Layout,
      ErrorBoundary: ErrorPage,
      HydrateFallback: NothingYet,
      children: [
        ...PORTAL_PATHS.map((path) =>
          path === '/'
            ? { index: true, Component: HomePage }
            : {
                path: path.slice(1),
                loader: loaders.catalog,
                lazy: async () => ({ Component: await PAGES[path]() }),
              },
        ),
        { path: '*', Component: NotFoundPage },
      ],
    },
  ];
}
