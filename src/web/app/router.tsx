import type { ComponentType } from 'react';
import { createBrowserRouter, type LoaderFunctionArgs, redirect } from 'react-router';
import { PORTAL_PATHS, type PortalPath } from '../../contract/portal-routes.js';
import { Layout } from '../features/layout/Layout.js';
import { switchLanguage } from '../i18n/index.js';
import { isLang, preferredLang } from '../i18n/languages.js';
import { AboutPage } from '../routes/AboutPage.js';
import { AccountPage } from '../routes/AccountPage.js';
import { AuditPage } from '../routes/AuditPage.js';
import { CalendarPage } from '../routes/CalendarPage.js';
import { DocumentPage } from '../routes/DocumentPage.js';
import { DocumentsPage } from '../routes/DocumentsPage.js';
import { ErrorPage } from '../routes/ErrorPage.js';
import { HomePage } from '../routes/HomePage.js';
import { InvitationPage } from '../routes/InvitationPage.js';
import { MeetingAgendaPage } from '../routes/MeetingAgendaPage.js';
import { MeetingDocumentsPage } from '../routes/MeetingDocumentsPage.js';
import { MeetingEditPage, MeetingNewPage } from '../routes/MeetingFormPages.js';
import { MeetingPage } from '../routes/MeetingPage.js';
import { MeetingParticipantsPage } from '../routes/MeetingParticipantsPage.js';
import { MeetingRecordsPage } from '../routes/MeetingRecordsPage.js';
import { MeetingRegistrationPage } from '../routes/MeetingRegistrationPage.js';
import { MeetingsPage } from '../routes/MeetingsPage.js';
import { MemberStatePage } from '../routes/MemberStatePage.js';
import { MemberStatesPage } from '../routes/MemberStatesPage.js';
import { NetworksPage } from '../routes/NetworksPage.js';
import { NotFoundPage } from '../routes/NotFoundPage.js';
import { PartnersAdminPage } from '../routes/PartnersAdminPage.js';
import { PasswordResetPage } from '../routes/PasswordResetPage.js';
import { PasswordResetRequestPage } from '../routes/PasswordResetRequestPage.js';
import { PillarsPage } from '../routes/PillarsPage.js';
import { SignInPage } from '../routes/SignInPage.js';
import { TeamPage } from '../routes/TeamPage.js';
import { TechnicalGroupPage } from '../routes/TechnicalGroupPage.js';
import { TechnicalGroupsPage } from '../routes/TechnicalGroupsPage.js';
import { TwoFactorPage } from '../routes/TwoFactorPage.js';
import { UserPage } from '../routes/UserPage.js';
import { UsersPage } from '../routes/UsersPage.js';

// Typed against the shared list, so the server's 404 rule and these pages cannot drift apart.
const PAGES: Record<PortalPath, ComponentType> = {
  '/': HomePage,
  '/meetings': MeetingsPage,
  '/meetings/:slug': MeetingPage,
  '/meetings/new': MeetingNewPage,
  '/meetings/:slug/edit': MeetingEditPage,
  '/meetings/:slug/documents': MeetingDocumentsPage,
  '/meetings/:slug/registration': MeetingRegistrationPage,
  '/meetings/:slug/participants': MeetingParticipantsPage,
  '/meetings/:slug/agenda': MeetingAgendaPage,
  '/meetings/:slug/records': MeetingRecordsPage,
  '/calendar': CalendarPage,
  '/documents': DocumentsPage,
  '/documents/:slug': DocumentPage,
  '/technical-groups': TechnicalGroupsPage,
  '/technical-groups/:slug': TechnicalGroupPage,
  '/member-states': MemberStatesPage,
  '/member-states/:slug': MemberStatePage,
  '/pillars': PillarsPage,
  '/networks': NetworksPage,
  '/team': TeamPage,
  '/about': AboutPage,
  '/sign-in': SignInPage,
  '/two-factor': TwoFactorPage,
  '/account': AccountPage,
  '/invitation/:token': InvitationPage,
  '/password-reset': PasswordResetRequestPage,
  '/password-reset/:token': PasswordResetPage,
  '/admin/users': UsersPage,
  '/admin/users/:id': UserPage,
  '/admin/audit': AuditPage,
  '/admin/partners': PartnersAdminPage,
};

/** Sets the interface language from the first path segment before the page renders, so no page
 * ever shows one language's text under another's URL. An unknown segment gets the reader's own. */
async function languageLoader({ params }: LoaderFunctionArgs) {
  const lang = isLang(params.lang) ? params.lang : preferredLang();
  await switchLanguage(lang);
  document.documentElement.lang = lang;
  return null;
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
        path === '/' ? { index: true, Component: PAGES[path] } : { path: path.slice(1), Component: PAGES[path] },
      ),
      { path: '*', Component: NotFoundPage },
    ],
  },
]);
