import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../contract/meetings.js';
import { isPastMeeting } from '../../domain/meetings.js';
import { MeetingBadges } from '../features/meetings/MeetingBadges.js';
import { MeetingTimes } from '../features/meetings/MeetingTimes.js';
import { calendarFeedPath, meetingCalendarPath, useMeetings } from '../features/meetings/queries.js';
import { formatDateRange } from '../features/shared/format.js';
import { LangLink } from '../features/shared/LangLink.js';
import { Localized } from '../features/shared/Localized.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { useLang } from '../features/shared/useLang.js';

/** When a meeting ends, as an instant: its UTC end, or the end of its last recorded day. */
const endOf = (m: Meeting) => m.endsAt ?? ((m.endDate ?? m.startDate) ? `${m.endDate ?? m.startDate}T23:59:59Z` : null);

/** The public calendar: meetings to come (soonest first) and past ones (latest first), the feed to subscribe to. */
export function CalendarPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const meetings = useMeetings();
  return (
    <>
      <PageMeta title={t('calendar.title')} description={t('calendar.description')} />
      <PageHeader title={t('calendar.title')} lead={t('calendar.lead')} />
      <div className="container page-body">
        <p>
          <a className="button button--secondary" href={calendarFeedPath(lang)}>
            {t('calendar.subscribe')}
          </a>
        </p>
        <p className="field__hint">{t('calendar.subscribeHint')}</p>
        <QueryState query={meetings}>
          {(items) => {
            const now = new Date().toISOString();
            // Drafts are the secretariat's work in progress, not part of the calendar.
            const listed = items.filter((m) => m.status !== 'draft' && endOf(m) !== null);
            // By status and date alike: a concluded meeting is past whatever its dates say.
            const isPast = (m: Meeting) => isPastMeeting({ status: m.status, end: endOf(m) as string }, now);
            const upcoming = listed.filter((m) => !isPast(m));
            const past = listed.filter(isPast).reverse();
            return (
              <>
                <section aria-labelledby="calendar-upcoming">
                  <h2 id="calendar-upcoming">{t('calendar.upcoming')}</h2>
                  {upcoming.length === 0 ? <p>{t('calendar.noUpcoming')}</p> : <CalendarList meetings={upcoming} />}
                </section>
                <section aria-labelledby="calendar-past">
                  <h2 id="calendar-past">{t('calendar.past')}</h2>
                  {past.length === 0 ? <p>{t('calendar.noPast')}</p> : <CalendarList meetings={past} />}
                </section>
              </>
            );
          }}
        </QueryState>
      </div>
    </>
  );
}

function CalendarList({ meetings }: { meetings: Meeting[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <ul className="calendar-list">
      {meetings.map((meeting) => (
        <li key={meeting.id}>
          <h3>
            <LangLink to={`/meetings/${meeting.slug}`}>{meeting.shortName}</LangLink>
          </h3>
          <p>
            <Localized value={meeting.name} />
          </p>
          {meeting.managedBy === 'platform' && <MeetingBadges meeting={meeting} />}
          {meeting.startsAt && meeting.endsAt && meeting.timeZone ? (
            <MeetingTimes startsAt={meeting.startsAt} endsAt={meeting.endsAt} timeZone={meeting.timeZone} />
          ) : (
            <p>{formatDateRange(meeting.startDate, meeting.endDate, lang)}</p>
          )}
          <p>
            <a href={meetingCalendarPath(meeting.slug, lang)}>
              {t('meetings.addToCalendar')}
              <span className="visually-hidden"> ({meeting.shortName})</span>
            </a>
          </p>
        </li>
      ))}
    </ul>
  );
}
