import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../contract/common.js';
import { useLang } from '../shared/useLang.js';

/** The reader's own time zone, as their browser knows it. */
export function readerTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Start to end as read in `timeZone`, in the reader's language, with the zone's short name. */
export function formatRangeIn(startsAt: string, endsAt: string, timeZone: string, lang: Lang): string {
  const format = new Intl.DateTimeFormat(lang, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  });
  return format.formatRange(new Date(startsAt), new Date(endsAt));
}

export function formatMomentIn(at: string, timeZone: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(at));
}

/**
 * When a meeting happens, at the venue (its zone named) and, when the reader's zone differs, in
 * the reader's zone too: a delegate in Ottawa and one in Lima both read their own clock.
 */
export function MeetingTimes({ startsAt, endsAt, timeZone }: { startsAt: string; endsAt: string; timeZone: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const reader = readerTimeZone();
  return (
    <ul className="plain-list meeting-times">
      <li>
        <span className="plain-list__kicker">{t('meetings.times.atVenue', { zone: timeZone })}</span>
        <time dateTime={startsAt}>{formatRangeIn(startsAt, endsAt, timeZone, lang)}</time>
      </li>
      {reader !== timeZone && (
        <li>
          <span className="plain-list__kicker">{t('meetings.times.yours', { zone: reader })}</span>
          <time dateTime={startsAt}>{formatRangeIn(startsAt, endsAt, reader, lang)}</time>
        </li>
      )}
    </ul>
  );
}
