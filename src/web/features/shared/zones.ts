import { useSyncExternalStore } from 'react';
import type { Lang } from '../../../contract/common.js';
import { wallClock, zoneOffsetMinutes } from '../../../domain/time-zones.js';
import { plainSpaces } from './format.js';

/** Time zones: instants shown on the venue's clock and on the reader's, and the venue's wall-clock
 * times of the editors' datetime-local fields, back and forth. */

/** The reader's own time zone, as their browser knows it. */
export function readerTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const unchanging = () => () => undefined;

/** The reader's time zone once the page runs in their browser; null while the server renders and
 * during hydration, so the server's markup (which cannot know it) hydrates as it is, and the
 * reader's own times appear just after. */
export function useReaderTimeZone(): string | null {
  return useSyncExternalStore(unchanging, readerTimeZone, () => null);
}

/** Start to end as read in `timeZone`, in the reader's language. */
export function formatRangeIn(startsAt: string, endsAt: string, timeZone: string, lang: Lang): string {
  return plainSpaces(momentFormat(timeZone, lang).formatRange(new Date(startsAt), new Date(endsAt)));
}

export function formatMomentIn(at: string, timeZone: string, lang: Lang): string {
  return plainSpaces(momentFormat(timeZone, lang).format(new Date(at)));
}

function momentFormat(timeZone: string, lang: Lang): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone });
}

/** "UTC−5", "UTC+5:30", "UTC": an offset in minutes (east positive) as people write it. */
export function utcOffset(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const abs = Math.abs(minutes);
  const rest = abs % 60;
  return `UTC${minutes < 0 ? '−' : '+'}${Math.floor(abs / 60)}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`;
}

/** A time zone as people say it, in `lang`, with its offset at `at`: "Peru Standard Time (UTC−5)",
 * "hora de verano oriental (UTC−4)"; never the IANA identifier, which reads as code. */
export function zoneName(zone: string, lang: Lang, at: Date): string {
  const name = new Intl.DateTimeFormat(lang, { timeZone: zone, timeZoneName: 'long' })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
  return `${name ?? zone} (${utcOffset(zoneOffsetMinutes(at, zone))})`;
}

/** The zones of a member state (ISO 3166-1 alpha-2), as the platform's Intl knows them. */
export function zonesOfState(iso2: string): string[] {
  const locale = new Intl.Locale(`und-${iso2.toUpperCase()}`) as Intl.Locale & {
    getTimeZones?: () => string[];
    timeZones?: string[];
  };
  return locale.getTimeZones?.() ?? locale.timeZones ?? [];
}

/** A span read at the venue and, when the reader's zone differs, on the reader's clock too: a
 * delegate in Ottawa and one in Lima both read their own, each with the zone's spoken name. */
export function venueAndReaderRanges(
  startsAt: string,
  endsAt: string,
  venueZone: string,
  lang: Lang,
  reader: string | null,
) {
  const at = new Date(startsAt);
  return {
    venue: formatRangeIn(startsAt, endsAt, venueZone, lang),
    venueZone: zoneName(venueZone, lang, at),
    reader:
      reader === null || reader === venueZone
        ? null
        : { zone: zoneName(reader, lang, at), text: formatRangeIn(startsAt, endsAt, reader, lang) },
  };
}

/** A meeting's span read in `timeZone`: its days, how many, and its opening and closing times, so a
 * two-day meeting reads as two days rather than as one long span. */
export function meetingSpanIn(startsAt: string, endsAt: string, timeZone: string, lang: Lang) {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const day = (instant: Date) => Date.parse(`${wallClock(instant, timeZone).slice(0, 10)}T00:00:00Z`);
  const dayCount = Math.round((day(end) - day(start)) / 86_400_000) + 1;
  const dates = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone });
  const times = new Intl.DateTimeFormat(lang, { timeStyle: 'short', timeZone });
  return {
    days: plainSpaces(dayCount > 1 ? dates.formatRange(start, end) : dates.format(start)),
    dayCount,
    opens: plainSpaces(times.format(start)),
    closes: plainSpaces(times.format(end)),
    zone: zoneName(timeZone, lang, start),
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
