import type { Lang } from '../../../contract/common.js';

// ISO dates are calendar days, so they are read and shown in UTC: no time zone may shift the day.
function utcDay(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** Intl's output with its thin and narrow no-break spaces made plain ones: the server's ICU (Node)
 * and the browser's put them in different places ("7 – 8" around a range's dash, before "PM"), and
 * a page rendered on the server must read the same in the browser that hydrates it. */
export function plainSpaces(text: string): string {
  return text.replace(/[\u2009\u202f]/g, ' ');
}

function dayFormat(lang: Lang): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
}

export function formatDate(iso: string, lang: Lang): string {
  return plainSpaces(dayFormat(lang).format(utcDay(iso)));
}

/** "7–8 October 2008" in the reader's language; one day when both ends agree or one is missing. */
export function formatDateRange(start: string | null, end: string | null, lang: Lang): string | null {
  if (!start && !end) return null;
  if (!start || !end || start === end) return formatDate((start ?? end) as string, lang);
  return plainSpaces(dayFormat(lang).formatRange(utcDay(start), utcDay(end)));
}

export function formatNumber(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang).format(value);
}

/** A percentage given as 0–100 (an implementation rate), with at most one decimal, in the reader's locale. */
export function formatPercent(value: number, lang: Lang): string {
  return plainSpaces(new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100));
}
