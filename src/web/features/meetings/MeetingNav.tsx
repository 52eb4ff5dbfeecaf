import { useTranslation } from 'react-i18next';
import { LangNavLink } from '../shared/LangLink.js';

/**
 * The pages of one meeting: overview, agenda, documents, participants, registration and records.
 * Every meeting page shows it; the current one is marked (aria-current) by the router.
 */
export function MeetingNav({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const base = `/meetings/${encodeURIComponent(slug)}`;
  const pages = [
    { to: base, label: t('meetings.nav.overview'), end: true },
    { to: `${base}/agenda`, label: t('meetings.nav.agenda') },
    { to: `${base}/documents`, label: t('meetings.nav.documents') },
    { to: `${base}/participants`, label: t('meetings.nav.participants') },
    { to: `${base}/registration`, label: t('meetings.nav.registration') },
    { to: `${base}/records`, label: t('meetings.nav.records') },
  ];
  return (
    <nav className="meeting-nav" aria-label={t('meetings.nav.label')}>
      <ul>
        {pages.map((page) => (
          <li key={page.to}>
            <LangNavLink to={page.to} end={page.end ?? false}>
              {page.label}
            </LangNavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
