import { useTranslation } from 'react-i18next';
import { useLang } from '../shared/useLang.js';
import { venueAndReaderRanges } from '../shared/zones.js';

/** When a meeting happens, at the venue (its zone named) and, when the reader's zone differs, in
 * the reader's zone too. */
export function MeetingTimes({ startsAt, endsAt, timeZone }: { startsAt: string; endsAt: string; timeZone: string }) {
  const { t } = useTranslation();
  const ranges = venueAndReaderRanges(startsAt, endsAt, timeZone, useLang());
  return (
    <ul className="plain-list meeting-times">
      <li>
        <span className="plain-list__kicker">{t('meetings.times.atVenue', { zone: timeZone })}</span>
        <time dateTime={startsAt}>{ranges.venue}</time>
      </li>
      {ranges.reader && (
        <li>
          <span className="plain-list__kicker">{t('meetings.times.yours', { zone: ranges.reader.zone })}</span>
          <time dateTime={startsAt}>{ranges.reader.text}</time>
        </li>
      )}
    </ul>
  );
}
