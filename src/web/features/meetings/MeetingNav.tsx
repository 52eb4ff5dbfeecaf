import { useTranslation } from '../../i18n/react.js';
import { LangNavLink } from '../shared/LangLink.js';
import { type MeetingPageName, useMeetingPages } from './meetingPages.js';
import { useMeeting } from './queries.js';

/**
 * The pages of one meeting: overview, then those it has (useMeetingPages: a historic meeting shows
 * no registration, nor an empty agenda). Every meeting page shows it; the current one is marked
 * (aria-current) by the router.
 */
export function MeetingNav({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const offered = useMeetingPages(useMeeting(slug).data);
  const base = `/meetings/${encodeURIComponent(slug)}`;
  const pages: Array<{ name: MeetingPageName; label: string }> = [
    { name: 'agenda', label: t('meetings.nav.agenda') },
    { name: 'documents', label: t('meetings.nav.documents') },
    { name: 'participants', label: t('meetings.nav.participants') },
    { name: 'registration', label: t('meetings.nav.registration') },
    { name: 'records', label: t('meetings.nav.records') },
  ];
  return (
    <nav className="meeting-nav" aria-label={t('meetings.nav.label')}>
      <ul>
        <li>
          <LangNavLink to={base} end>
            {t('meetings.nav.overview')}
          </LangNavLink>
        </li>
        {pages
          .filter((page) => offered.has(page.name))
          .map((page) => (
            <li key={page.name}>
              <LangNavLink to={`${base}/${page.name}`} end={false}>
                {page.label}
              </LangNavLink>
            </li>
          ))}
      </ul>
    </nav>
  );
}
