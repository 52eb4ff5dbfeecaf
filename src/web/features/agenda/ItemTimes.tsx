import { useTranslation } from '../../i18n/react.js';
import { useLang } from '../shared/useLang.js';
import { useReaderTimeZone, venueAndReaderRanges } from '../shared/zones.js';

/** An item's slot at the venue and, when the reader's zone differs, on the reader's clock. */
export function ItemTimes({ startsAt, endsAt, venueZone }: { startsAt: string; endsAt: string; venueZone: string }) {
  const { t } = useTranslation();
  const ranges = venueAndReaderRanges(startsAt, endsAt, venueZone, useLang(), useReaderTimeZone());
  return (
    <p className="agenda-item__times">
      <time dateTime={startsAt}>{ranges.venue}</time>{' '}
      <span className="agenda-item__zone">{t('agenda.venueZone', { zone: ranges.venueZone })}</span>
      {ranges.reader && (
        <>
          <br />
          <time dateTime={startsAt}>{ranges.reader.text}</time>{' '}
          <span className="agenda-item__zone">{t('agenda.yourZone', { zone: ranges.reader.zone })}</span>
        </>
      )}
    </p>
  );
}
