import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCalendar, type CalendarEvent, escapeText, foldLine, offsetTransitions, vtimezone } from './ical.js';

/** A reader as a calendar program would be: unfold, split, unescape. */
function parse(ics: string) {
  expect(ics.endsWith('\r\n')).toBe(true);
  // Every line ends in CRLF: no bare LF or CR anywhere.
  expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const physical = ics.slice(0, -2).split('\r\n');
  for (const line of physical) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  const lines = ics
    .replace(/\r\n[ \t]/g, '')
    .slice(0, -2)
    .split('\r\n');
  return lines.map((line) => {
    const colon = line.indexOf(':');
    return { name: line.slice(0, colon), value: line.slice(colon + 1) };
  });
}

const unescapeText = (value: string) =>
  value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

const timed = (overrides: Partial<CalendarEvent> = {}): CalendarEvent => ({
  uid: 'abc@mispa-platform',
  modified: new Date('2026-11-01T12:00:00Z'),
  sequence: 2,
  summary: 'MISPA IX',
  cancelled: false,
  time: {
    kind: 'timed',
    start: new Date('2027-03-13T14:00:00Z'),
    end: new Date('2027-03-15T13:00:00Z'),
    timeZone: 'America/New_York',
  },
  ...overrides,
});

describe('iCalendar writer', () => {
  it('escapes backslash, semicolon, comma and line breaks', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds long lines at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'é'.repeat(100)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(folded).not.toContain('\uFFFD');
  });

  it('gives back any summary, description and location after folding and escaping', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 300 }), (summary, place) => {
        const clean = (s: string) => s.replace(/\r\n|\r/g, '\n');
        const ics = buildCalendar([timed({ summary, description: place, location: `${place};,\\` })], { name: 'x' });
        const props = parse(ics);
        const get = (name: string) => props.find((p) => p.name === name)?.value;
        expect(unescapeText(get('SUMMARY') ?? '')).toBe(clean(summary).replace(/[\u2028\u2029]/g, '\n'));
        if (place) expect(unescapeText(get('DESCRIPTION') ?? '')).toBe(clean(place).replace(/[\u2028\u2029]/g, '\n'));
        expect(unescapeText(get('LOCATION') ?? '')).toBe(`${clean(place).replace(/[\u2028\u2029]/g, '\n')};,\\`);
      }),
      { numRuns: 300 },
    );
  });

  it('writes a timed event at the venue’s wall clock with TZID, and a VTIMEZONE for the zone', () => {
    const props = parse(buildCalendar([timed()], { name: 'MISPA' }));
    const names = props.map((p) => `${p.name}:${p.value}`);
    expect(names).toContain('DTSTART;TZID=America/New_York:20270313T090000');
    // 15 March is after the change to daylight saving time: 09:00 EDT.
    expect(names).toContain('DTEND;TZID=America/New_York:20270315T090000');
    expect(names).toContain('UID:abc@mispa-platform');
    expect(names).toContain('DTSTAMP:20261101T120000Z');
    expect(names).toContain('STATUS:CONFIRMED');
    expect(names).toContain('TZID:America/New_York');
    expect(names.filter((n) => n === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(names[0]).toBe('BEGIN:VCALENDAR');
    expect(names.at(-1)).toBe('END:VCALENDAR');
  });

  it('describes the zone’s changes in the VTIMEZONE (New York 2027: 14 March and 7 November)', () => {
    const lines = vtimezone('America/New_York', 2027, 2027);
    expect(lines.join('\n')).toContain(
      ['BEGIN:DAYLIGHT', 'DTSTART:20270314T020000', 'TZOFFSETFROM:-0500', 'TZOFFSETTO:-0400', 'END:DAYLIGHT'].join(
        '\n',
      ),
    );
    expect(lines.join('\n')).toContain(
      ['BEGIN:STANDARD', 'DTSTART:20271107T020000', 'TZOFFSETFROM:-0400', 'TZOFFSETTO:-0500', 'END:STANDARD'].join(
        '\n',
      ),
    );
    expect(offsetTransitions('America/Lima', new Date('2027-01-01Z'), new Date('2028-01-01Z'))).toEqual([]);
    expect(vtimezone('America/Lima', 2027, 2027)).toContain('TZOFFSETTO:-0500');
  });

  it('writes meetings known only by dates as all-day events, the end exclusive', () => {
    const props = parse(
      buildCalendar([timed({ time: { kind: 'dates', start: '2008-10-07', end: '2008-10-08' } })], { name: 'x' }),
    );
    const names = props.map((p) => `${p.name}:${p.value}`);
    expect(names).toContain('DTSTART;VALUE=DATE:20081007');
    expect(names).toContain('DTEND;VALUE=DATE:20081009');
    expect(names).not.toContain('BEGIN:VTIMEZONE');
  });

  it('marks cancelled meetings STATUS:CANCELLED', () => {
    const props = parse(buildCalendar([timed({ cancelled: true })], { name: 'x' }));
    expect(props).toContainEqual({ name: 'STATUS', value: 'CANCELLED' });
  });
});
