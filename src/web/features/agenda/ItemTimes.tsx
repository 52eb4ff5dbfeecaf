import { useTranslation } from 'react-i18next';
import { formatRangeIn, readerTimeZone } from '../meetings/MeetingTimes.js';
import { useLang } from '../shared/useLang.js';

/** An item's slot at the venue and, when the reader's zone differs, on the reader's clock. */
export function ItemTimes({ startsAt, endsAt, venueZone }: { startsAt: string; endsAt: string; venueZone: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const reader = readerTimeZone();
  return (
    <p className="agenda-item__times">
      <time dateTime={startsAt}>{formatRangeIn(startsAt, endsAt, venueZone, lang)}</time>{' '}
      <span className="agenda-item__zone">{t('agenda.venueZone', { zone: venueZone })}</span>
      {reader !== venueZone && (
        <>
          <br />
          <time dateTime={startsAt}>{formatRangeIn(startsAt, endsAt, reader, lang)}</time>{' '}
          <span className="agenda-item__zone">{t('agenda.yourZone', { zone: reader })}</span>
        </>
      )}
    </p>
  );
}
