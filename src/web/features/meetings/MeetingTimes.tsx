import { useTranslation } from '../../i18n/react.js';
import { useLang } from '../shared/useLang.js';
import { meetingSpanIn, useReaderTimeZone } from '../shared/zones.js';

/** When a meeting happens, at the venue and, when the reader's zone differs, in the reader's zone
 * too; each as its days, then its hours with the zone's spoken name. */
export function MeetingTimes({ startsAt, endsAt, timeZone }: { startsAt: string; endsAt: string; timeZone: string }) {
  const { t } = useTranslation();
  const reader = useReaderTimeZone();
  const clocks = [{ label: t('meetings.times.atVenue'), zone: timeZone }];
  if (reader !== null && reader !== timeZone) clocks.push({ label: t('meetings.times.yours'), zone: reader });
  return (
    <ul className="plain-list meeting-times">
      {clocks.map((clock) => (
        <li key={clock.label}>
          <span className="plain-list__kicker">{clock.label}</span>
          <MeetingSpan startsAt={startsAt} endsAt={endsAt} timeZone={clock.zone} />
        </li>
      ))}
    </ul>
  );
}

function MeetingSpan({ startsAt, endsAt, timeZone }: { startsAt: string; endsAt: string; timeZone: string }) {
  const { t } = useTranslation();
  const span = meetingSpanIn(startsAt, endsAt, timeZone, useLang());
  const several = span.dayCount > 1;
  return (
    <>
      <time dateTime={startsAt}>{span.days}</time>
      {several && ` · ${t('meetings.times.days', { count: span.dayCount })}`}
      <br />
      {several ? t('meetings.times.opensCloses', span) : t('meetings.times.hours', span)}
      {', '}
      <span className="meeting-times__zone">{span.zone}</span>
    </>
  );
}
