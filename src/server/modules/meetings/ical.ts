import { wallClock, zoneOffsetMinutes } from '../../../domain/time-zones.js';

/**
 * An iCalendar (RFC 5545) writer for the meetings feed, small enough to own: events at the venue's
 * wall-clock time with TZID and a VTIMEZONE built from the runtime's zone data (Intl), all-day
 * events for meetings known only by their dates, CRLF lines folded at 75 octets.
 */

export interface CalendarEvent {
  /** Stable per meeting, so a subscribed calendar updates the event instead of adding another. */
  uid: string;
  /** When the meeting last changed: DTSTAMP and LAST-MODIFIED. */
  modified: Date;
  /** Grows with every change, so calendars take the newer copy. */
  sequence: number;
  summary: string;
  description?: string | null;
  location?: string | null;
  url?: string | null;
  cancelled: boolean;
  time:
    | { kind: 'timed'; start: Date; end: Date; timeZone: string }
    /** Inclusive calendar dates (YYYY-MM-DD); DTEND is written as the day after the last. */
    | { kind: 'dates'; start: string; end: string };
}

/** TEXT values: backslash, semicolon, comma and line breaks escaped (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, '\\n');
}

/** Splits a content line into lines of at most 75 octets, never inside a UTF-8 character (§3.1). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  // Continuation lines begin with a space, which counts towards their 75 octets.
  let limit = 75;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
      limit = 74;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const compact = (isoLike: string) => isoLike.replace(/[-:]/g, '').replace(/\.\d+/, '');
const utcStamp = (at: Date) => `${compact(at.toISOString().slice(0, 19))}Z`;
const dateValue = (date: string) => date.replaceAll('-', '');
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function utcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

const DAY = 86_400_000;

/** The instants in [from, to) at which `timeZone` changes its offset, to the minute. */
export function offsetTransitions(timeZone: string, from: Date, to: Date): Date[] {
  const found: Date[] = [];
  let previous = from.getTime();
  let offset = zoneOffsetMinutes(from, timeZone);
  for (let t = previous + DAY; t < to.getTime() + DAY; t += DAY) {
    const next = zoneOffsetMinutes(new Date(t), timeZone);
    if (next !== offset) {
      // Narrow the day down to the minute the clocks changed.
      let low = previous;
      let high = t;
      while (high - low > 60_000) {
        const mid = low + Math.floor((high - low) / 120_000) * 60_000;
        if (zoneOffsetMinutes(new Date(mid), timeZone) === offset) low = mid;
        else high = mid;
      }
      if (high < to.getTime()) found.push(new Date(high));
      offset = next;
    }
    previous = t;
  }
  return found;
}

/**
 * A VTIMEZONE for `timeZone` valid over the years `fromYear`–`toYear`: the offset at the start of
 * that span and every change within it, each an observance with its own DTSTART (no RRULE, so it
 * says exactly what the runtime's zone data says, past rule changes included).
 */
export function vtimezone(timeZone: string, fromYear: number, toYear: number): string[] {
  const from = new Date(Date.UTC(fromYear, 0, 1));
  const to = new Date(Date.UTC(toYear + 1, 0, 1));
  const transitions = offsetTransitions(timeZone, from, to);
  const initial = zoneOffsetMinutes(from, timeZone);
  const offsets = [initial, ...transitions.map((t) => zoneOffsetMinutes(t, timeZone))];
  const standard = Math.min(...offsets);
  const observance = (onset: Date, before: number, after: number) => {
    const type = after > standard ? 'DAYLIGHT' : 'STANDARD';
    // DTSTART of an observance is the local time of the onset, read with the offset before it.
    const local = new Date(onset.getTime() + before * 60_000).toISOString().slice(0, 19);
    return [
      `BEGIN:${type}`,
      `DTSTART:${compact(local)}`,
      `TZOFFSETFROM:${utcOffset(before)}`,
      `TZOFFSETTO:${utcOffset(after)}`,
      `END:${type}`,
    ];
  };
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`, ...observance(from, initial, initial)];
  let before = initial;
  for (const onset of transitions) {
    const after = zoneOffsetMinutes(onset, timeZone);
    lines.push(...observance(onset, before, after));
    before = after;
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

function eventLines(event: CalendarEvent): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${utcStamp(event.modified)}`,
    `LAST-MODIFIED:${utcStamp(event.modified)}`,
    `SEQUENCE:${event.sequence}`,
  ];
  if (event.time.kind === 'timed') {
    const { start, end, timeZone } = event.time;
    lines.push(`DTSTART;TZID=${timeZone}:${compact(wallClock(start, timeZone))}`);
    lines.push(`DTEND;TZID=${timeZone}:${compact(wallClock(end, timeZone))}`);
  } else {
    lines.push(`DTSTART;VALUE=DATE:${dateValue(event.time.start)}`);
    lines.push(`DTEND;VALUE=DATE:${dateValue(dayAfter(event.time.end))}`);
  }
  lines.push(`SUMMARY:${escapeText(event.summary)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.url) lines.push(`URL:${event.url}`);
  lines.push(`STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`, 'TRANSP:OPAQUE', 'END:VEVENT');
  return lines;
}

/** A whole calendar: one VTIMEZONE per zone used (spanning its events' years), then the events. */
export function buildCalendar(events: readonly CalendarEvent[], options: { name: string }): string {
  const years = new Map<string, { from: number; to: number }>();
  for (const event of events) {
    if (event.time.kind !== 'timed') continue;
    const { timeZone, start, end } = event.time;
    const span = years.get(timeZone) ?? { from: start.getUTCFullYear(), to: end.getUTCFullYear() };
    span.from = Math.min(span.from, start.getUTCFullYear() - (start.getUTCMonth() === 0 ? 1 : 0));
    span.to = Math.max(span.to, end.getUTCFullYear());
    years.set(timeZone, span);
  }
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//OAS Department of Public Security//MISPA Platform//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
    ...[...years.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([zone, span]) => vtimezone(zone, span.from, span.to)),
    ...events.flatMap(eventLines),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
