import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLocalDateTime, isTimeZone, wallClock, zonedToInstant, zoneOffsetMinutes } from './time-zones.js';

/** Zones with daylight saving time in both hemispheres, a half-hour DST (Lord Howe), quarter-hour
 * and half-hour offsets, and zones without DST, as venues could be. */
const ZONES = [
  'America/New_York',
  'America/Santiago',
  'America/Havana',
  'America/St_Johns',
  'America/Santo_Domingo',
  'America/Argentina/Buenos_Aires',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'UTC',
] as const;

const zone = fc.constantFrom(...ZONES);
/** A minute of 2000–2099, the century the meeting forms accept. */
const minute = fc
  .integer({ min: Date.UTC(2000, 0, 1) / 60_000, max: Date.UTC(2099, 11, 31, 23, 59) / 60_000 })
  .map((m) => new Date(m * 60_000));
const localOf = (instant: Date, timeZone: string) => wallClock(instant, timeZone).slice(0, 16);

describe('isTimeZone', () => {
  it('knows IANA Area/Location names and UTC', () => {
    for (const name of ZONES) expect(isTimeZone(name)).toBe(true);
  });

  it('refuses offsets, abbreviations, unknown places and anything else', () => {
    for (const name of ['+05:00', 'UTC+1', 'EST', 'Mars/Olympus_Mons', 'America', '', 'america/new york', '../etc'])
      expect(isTimeZone(name)).toBe(false);
  });
});

describe('wallClock and zoneOffsetMinutes', () => {
  it('read an instant on the venue clock', () => {
    expect(wallClock(new Date('2027-03-15T13:00:00Z'), 'America/Santo_Domingo')).toBe('2027-03-15T09:00:00');
    expect(wallClock(new Date('2027-01-01T04:59:59Z'), 'America/New_York')).toBe('2026-12-31T23:59:59');
  });

  it('give the offset in force at the instant, daylight saving time included', () => {
    expect(zoneOffsetMinutes(new Date('2027-01-15T12:00:00Z'), 'America/New_York')).toBe(-300);
    expect(zoneOffsetMinutes(new Date('2027-07-15T12:00:00Z'), 'America/New_York')).toBe(-240);
    expect(zoneOffsetMinutes(new Date('2027-01-15T12:00:00Z'), 'America/St_Johns')).toBe(-210);
    expect(zoneOffsetMinutes(new Date('2027-01-15T12:00:00Z'), 'Asia/Kathmandu')).toBe(345);
    expect(zoneOffsetMinutes(new Date('2027-01-15T12:00:00Z'), 'Australia/Lord_Howe')).toBe(660);
    expect(zoneOffsetMinutes(new Date('2027-07-15T12:00:00Z'), 'Australia/Lord_Howe')).toBe(630);
  });

  it('agree with each other: the wall clock is the instant moved by the offset', () => {
    fc.assert(
      fc.property(minute, zone, (instant, timeZone) => {
        const local = Date.parse(`${wallClock(instant, timeZone)}Z`);
        expect(local - instant.getTime()).toBe(zoneOffsetMinutes(instant, timeZone) * 60_000);
      }),
    );
  });
});

describe('zonedToInstant', () => {
  it('turns a wall-clock time into the instant it names', () => {
    expect(zonedToInstant('2027-03-15T09:00', 'America/Santo_Domingo')?.toISOString()).toBe('2027-03-15T13:00:00.000Z');
    expect(zonedToInstant('2027-07-01T09:00', 'America/New_York')?.toISOString()).toBe('2027-07-01T13:00:00.000Z');
    expect(zonedToInstant('2027-01-01T09:00', 'Asia/Kathmandu')?.toISOString()).toBe('2027-01-01T03:15:00.000Z');
  });

  it('answers null for a time the clocks skip when daylight saving time starts', () => {
    // New York: 2027-03-14 02:00 EST becomes 03:00 EDT.
    expect(zonedToInstant('2027-03-14T02:30', 'America/New_York')).toBeNull();
    expect(zonedToInstant('2027-03-14T01:59', 'America/New_York')?.toISOString()).toBe('2027-03-14T06:59:00.000Z');
    expect(zonedToInstant('2027-03-14T03:00', 'America/New_York')?.toISOString()).toBe('2027-03-14T07:00:00.000Z');
    // London: 2027-03-28 01:00 GMT becomes 02:00 BST.
    expect(zonedToInstant('2027-03-28T01:30', 'Europe/London')).toBeNull();
  });

  it('takes the first of the two instants of a time repeated when daylight saving time ends', () => {
    // New York: 2027-11-07 02:00 EDT becomes 01:00 EST, so 01:30 happens at 05:30Z and at 06:30Z.
    expect(zonedToInstant('2027-11-07T01:30', 'America/New_York')?.toISOString()).toBe('2027-11-07T05:30:00.000Z');
    // London: 2027-10-31 02:00 BST becomes 01:00 GMT.
    expect(zonedToInstant('2027-10-31T01:30', 'Europe/London')?.toISOString()).toBe('2027-10-31T00:30:00.000Z');
  });

  it('finds every wall-clock time that happened, at that instant or at its earlier occurrence', () => {
    fc.assert(
      fc.property(minute, zone, (instant, timeZone) => {
        const local = localOf(instant, timeZone);
        const found = zonedToInstant(local, timeZone);
        expect(found).not.toBeNull();
        expect(localOf(found as Date, timeZone)).toBe(local);
        expect((found as Date).getTime()).toBeLessThanOrEqual(instant.getTime());
        // An earlier occurrence is the repeated hour (or Lord Howe's half hour), never more.
        expect(instant.getTime() - (found as Date).getTime()).toBeLessThanOrEqual(3_600_000);
      }),
    );
  });

  it('answers, for any wall-clock time, an instant showing exactly that time or null', () => {
    fc.assert(
      fc.property(minute, zone, (instant, timeZone) => {
        const local = instant.toISOString().slice(0, 16);
        const found = zonedToInstant(local, timeZone);
        if (found) expect(localOf(found, timeZone)).toBe(local);
      }),
    );
  });

  it('answers null for text that is no time', () => {
    expect(zonedToInstant('not a time', 'UTC')).toBeNull();
  });
});

describe('isLocalDateTime', () => {
  it('accepts YYYY-MM-DDTHH:mm of this century on a day its month has', () => {
    for (const value of ['2027-03-15T09:00', '2028-02-29T23:59', '2000-01-01T00:00', '2099-12-31T12:30'])
      expect(isLocalDateTime(value)).toBe(true);
  });

  it('refuses days a month lacks, other centuries, seconds, 24:00 and other shapes', () => {
    for (const value of [
      '2027-02-29T09:00',
      '2027-02-30T09:00',
      '2027-04-31T09:00',
      '1999-12-31T09:00',
      '2100-01-01T09:00',
      '2027-03-15T09:00:00',
      '2027-03-15T24:00',
      '2027-03-15 09:00',
      '2027-3-15T09:00',
      '',
    ])
      expect(isLocalDateTime(value)).toBe(false);
  });

  it('accepts every minute of the century as a datetime-local field gives it', () => {
    fc.assert(
      fc.property(minute, (instant) => {
        expect(isLocalDateTime(instant.toISOString().slice(0, 16))).toBe(true);
      }),
    );
  });
});
