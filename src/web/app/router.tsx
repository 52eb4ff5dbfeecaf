import type { ComponentType } from 'react';
import { createBrowserRouter, type LoaderFunctionArgs, redirect } from 'react-router';
import { isLang, type Lang } from '../../domain/languages.js';
import { PORTAL_PATHS, type PortalPath } from '../../domain/portal-routes.js';
import { Layout } from '../features/layout/Layout.js';
import { loadCatalog, switchLanguage } from '../i18n/index.js';
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
  '/technical-groups': async () => (await import('../routes/TechnicalGroupsPage.js')).TechnicalGroupsPage,
  '/technical-groups/:slug': async () => (await import('../routes/TechnicalGroupPage.js')).TechnicalGroupPage,
  '/member-states': async () => (await import('../routes/MemberStatesPage.js')).MemberStatesPage,
  '/member-states/:slug': async () => (await import('../routes/MemberStatePage.js')).MemberStatePage,
  '/pillars': async () => (await import('../routes/PillarsPage.js')).PillarsPage,
  '/networks': async () => (await import('../routes/NetworksPage.js')).NetworksPage,
  '/team': async () => (await import('../routes/TeamPage.js')).TeamPage,
  '/about': async () => (await import('../routes/AboutPage.js')).AboutPage,
  '/sign-in': async () => (await import('../routes/SignInPage.js')).SignInPage,
  '/two-factor': async () => (await import('../routes/TwoFactorPage.js')).TwoFactorPage,
  '/account': async () => (await import('../routes/AccountPage.js')).AccountPage,
  '/invitation/:token': async () => (await import('../routes/InvitationPage.js')).InvitationPage,
  '/password-reset': async () => (await import('../routes/PasswordResetRequestPage.js')).PasswordResetRequestPage,
  '/password-reset/:token': async () => (await import('../routes/PasswordResetPage.js')).PasswordResetPage,
  '/admin/users': async () => (await import('../routes/UsersPage.js')).UsersPage,
  '/admin/users/:id': async () => (await import('../routes/UserPage.js')).UserPage,
  '/admin/audit': async () => (await import('../routes/AuditPage.js')).AuditPage,
  '/admin/partners': async () => (await import('../routes/PartnersAdminPage.js')).PartnersAdminPage,
};

/** The page's language: the first path segment, or under an unknown segment the reader's own. */
function pageLang(params: LoaderFunctionArgs['params']): Lang {
  return isLang(params.lang) ? params.lang : preferredLang();
}

/** Sets the interface language from the first path segment before the page renders, so no page
 * ever shows one language's text under another's URL. The home page needs only the catalog's shell;
 * the rest is fetched when the browser is idle, ready for the next page. */
async function languageLoader({ params, request }: LoaderFunctionArgs) {
  const lang = pageLang(params);
  const home = /^\/[^/]*\/?$/.test(new URL(request.url).pathname);
  await switchLanguage(lang, home);
  document.documentElement.lang = lang;
  if (home) whenIdle(() => loadCatalog(lang).catch(() => undefined));
  return null;
}

/** Every page but the home page waits for its language's whole catalog: coming from the home page,
 * the language loader above does not run again. */
async function catalogLoader({ params }: LoaderFunctionArgs) {
  await loadCatalog(pageLang(params));
  return null;
}

function whenIdle(work: () => void): void {
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(work, { timeout: 5_000 });
  else setTimeout(work, 1_000);
}

export const router = createBrowserRouter([
  // The server redirects '/' from Accept-Language; this covers the Vite dev server.
  { path: '/', loader: () => redirect(`/${preferredLang()}/`) },
  {
    path: '/:lang',
    loader: languageLoader,
    Component: Layout,
    ErrorBoundary: ErrorPage,
    HydrateFallback: () => null,
    children: [
      ...PORTAL_PATHS.map((path) =>
        path === '/'
          ? { index: true, Component: HomePage }
          : { path: path.slice(1), loader: catalogLoader, lazy: async () => ({ Component: await PAGES[path]() }) },
      ),
      { path: '*', Component: NotFoundPage },
    ],
  },
]);
