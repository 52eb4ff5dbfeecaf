import type { Lang } from '../../../contract/common.js';
import { wallClock, zoneOffsetMinutes } from '../../../domain/time-zones.js';

/** Time zones: instants shown on the venue's clock and on the reader's, and the venue's wall-clock
 * times of the editors' datetime-local fields, back and forth. */

/** The reader's own time zone, as their browser knows it. */
export function readerTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Start to end as read in `timeZone`, in the reader's language. */
export function formatRangeIn(startsAt: string, endsAt: string, timeZone: string, lang: Lang): string {
  return momentFormat(timeZone, lang).formatRange(new Date(startsAt), new Date(endsAt));
}

export function formatMomentIn(at: string, timeZone: string, lang: Lang): string {
  return momentFormat(timeZone, lang).format(new Date(at));
}

function momentFormat(timeZone: string, lang: Lang): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone });
}

/** A span read at the venue and, when the reader's zone differs, on the reader's clock too: a
 * delegate in Ottawa and one in Lima both read their own. */
export function venueAndReaderRanges(startsAt: string, endsAt: string, venueZone: string, lang: Lang) {
  const reader = readerTimeZone();
  return {
    venue: formatRangeIn(startsAt, endsAt, venueZone, lang),
    reader: reader === venueZone ? null : { zone: reader, text: formatRangeIn(startsAt, endsAt, reader, lang) },
  };
}

/** The wall-clock time of `iso` in `timeZone`, as a datetime-local value (YYYY-MM-DDTHH:mm). */
export function toLocalInput(iso: string, timeZone: string): string {
  return wallClock(new Date(iso), timeZone).slice(0, 16);
}

/** The UTC instant at which the clocks of `timeZone` show `local`; null for an empty or bad value. */
export function fromLocalInput(local: string, timeZone: string): string | null {
  const guess = Date.parse(`${local}:00Z`);
  if (Number.isNaN(guess)) return null;
  const offsetAt = (instant: number) => zoneOffsetMinutes(new Date(instant), timeZone) * 60_000;
  // The offset at the first estimate may differ from the one at the answer near a daylight-saving
  // change; a second step settles it.
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first)).toISOString();
}
