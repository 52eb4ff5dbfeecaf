import type { Lang } from '../../../contract/common.js';

// ISO dates are calendar days, so they are read and shown in UTC: no time zone may shift the day.
function utcDay(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function dayFormat(lang: Lang): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
}

export function formatDate(iso: string, lang: Lang): string {
  return dayFormat(lang).format(utcDay(iso));
}

/** "7–8 October 2008" in the reader's language; one day when both ends agree or one is missing. */
export function formatDateRange(start: string | null, end: string | null, lang: Lang): string | null {
  if (!start && !end) return null;
  if (!start || !end || start === end) return formatDate((start ?? end) as string, lang);
  return dayFormat(lang).formatRange(utcDay(start), utcDay(end));
}

export function formatNumber(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang).format(value);
}
