import type { Meeting } from '../../contract/meetings.js';
import { useNow, useSiteOrigin } from '../app/site.js';
import { MeetingBadges } from '../features/meetings/MeetingBadges.js';
import { MeetingTimes } from '../features/meetings/MeetingTimes.js';
import { MonthCalendar } from '../features/meetings/MonthCalendar.js';
import { endOf, isToCome } from '../features/meetings/meetingPages.js';
import { calendarFeedPath, meetingCalendarPath, useMeetings } from '../features/meetings/queries.js';
import { CopyButton } from '../features/shared/CopyButton.js';
import { formatDateRange } from '../features/shared/format.js';
import { LangLink } from '../features/shared/LangLink.js';
import { Localized } from '../features/shared/Localized.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { useLang } from '../features/shared/useLang.js';
import { useTranslation } from '../i18n/react.js';

/** The public calendar: meetings to come (soonest first) and past ones (latest first) beside a month
 * grid, and the feed to subscribe to, its address ready to copy. */
export function CalendarPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const meetings = useMeetings();
  const now = useNow();
  const feed = `${useSiteOrigin()}${calendarFeedPath(lang)}`;
  return (
    <>
      <PageMeta title={t('calendar.title')} description={t('calendar.description')} />
      <PageHeader title={t('calendar.title')} lead={t('calendar.lead')} />
      <div className="container page-body">
        <section className="calendar-feed" aria-labelledby="calendar-feed-heading">
          <h2 id="calendar-feed-heading">{t('calendar.subscribe')}</h2>
          <p className="field__hint">{t('calendar.subscribeHint')}</p>
          <p className="calendar-feed__address">
            <code id="calendar-feed-address">{feed}</code>{' '}
            <CopyButton text={feed} label={t('calendar.copyAddress')} selectId="calendar-feed-address" />
          </p>
          <p>
            <a href={calendarFeedPath(lang)}>{t('calendar.download')}</a>
          </p>
        </section>
        <QueryState query={meetings}>
          {(items) => {
            // Drafts are the secretariat's work in progress, not part of the calendar.
            const listed = items.filter((m) => m.status !== 'draft' && endOf(m) !== null);
            const upcoming = listed.filter((m) => isToCome(m, now));
            const past = listed.filter((m) => !isToCome(m, now)).reverse();
            return (
              <div className="calendar-layout">
                <div>
                  <section aria-labelledby="calendar-upcoming">
                    <h2 id="calendar-upcoming">{t('calendar.upcoming')}</h2>
                    {upcoming.length === 0 ? (
                      <p>{t('calendar.noUpcoming')}</p>
                    ) : (
                      <CalendarList meetings={upcoming} toCome />
                    )}
                  </section>
                  <section aria-labelledby="calendar-past">
                    <h2 id="calendar-past">{t('calendar.past')}</h2>
                    {past.length === 0 ? (
                      <p>{t('calendar.noPast')}</p>
                    ) : (
                      <CalendarList meetings={past} toCome={false} />
                    )}
                  </section>
                </div>
                <MonthCalendar meetings={listed} now={now} />
              </div>
            );
          }}
        </QueryState>
      </div>
    </>
  );
}

/** Meetings with their times; those `toCome` offer their own calendar entry (a past one has no use for it). */
function CalendarList({ meetings, toCome }: { meetings: Meeting[]; toCome: boolean }) {
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
          {toCome && (
            <p>
              <a href={meetingCalendarPath(meeting.slug, lang)}>
                {t('meetings.addToCalendar')}
                <span className="visually-hidden"> ({meeting.shortName})</span>
              </a>
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
