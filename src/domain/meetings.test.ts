import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  earliestAllowed,
  isPastMeeting,
  MEETING_STATUSES,
  type MeetingShape,
  type MeetingStatus,
  meetingProblems,
  SESSION_EARLY_HOURS,
  TRANSITIONS,
  type Transition,
  transitionsFrom,
} from './meetings.js';

const TERMINAL: MeetingStatus[] = ['concluded', 'cancelled'];

describe('the meeting lifecycle', () => {
  it('allows exactly these transitions from each status', () => {
    expect(Object.fromEntries(MEETING_STATUSES.map((status) => [status, transitionsFrom(status)]))).toEqual({
      draft: ['convene', 'cancel'],
      convened: ['open-registration', 'cancel'],
      'registration-open': ['close-registration', 'cancel'],
      'registration-closed': ['start', 'cancel'],
      'in-session': ['conclude', 'cancel'],
      concluded: [],
      cancelled: [],
    });
  });

  it('reaches every status from a draft, and leaves neither concluded nor cancelled', () => {
    const reached = new Set<MeetingStatus>(['draft']);
    // A Set's iteration also visits what is added during it.
    for (const status of reached) for (const name of transitionsFrom(status)) reached.add(TRANSITIONS[name].to);
    expect([...reached].sort()).toEqual([...MEETING_STATUSES].sort());
    for (const status of TERMINAL) expect(transitionsFrom(status)).toEqual([]);
  });

  it('moves forward only: any run of allowed transitions from a draft ends in a final status without revisiting one', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 10 }), (choices) => {
        let status: MeetingStatus = 'draft';
        const seen: MeetingStatus[] = [status];
        for (const choice of choices) {
          const allowed = transitionsFrom(status);
          if (allowed.length === 0) break;
          status = TRANSITIONS[allowed[choice % allowed.length] as Transition].to;
          expect(seen).not.toContain(status);
          seen.push(status);
        }
      }),
    );
  });

  it('can cancel from every status that is not final', () => {
    for (const status of MEETING_STATUSES.filter((s) => !TERMINAL.includes(s)))
      expect(transitionsFrom(status)).toContain('cancel');
  });
});

describe('meetingProblems', () => {
  const coherent: MeetingShape = {
    kind: 'ministerial',
    number: 'XI',
    hostState: 'do',
    city: 'Santo Domingo',
    format: 'hybrid',
    venue: 'Palacio Nacional',
    onlineUrl: 'https://meet.example.org/mispa-xi',
    timeZone: 'America/Santo_Domingo',
    start: '2027-03-15T09:00',
    end: '2027-03-16T18:00',
    registrationDeadline: '2027-03-01T18:00',
  };
  const problemsOf = (change: Partial<MeetingShape>) => meetingProblems({ ...coherent, ...change });

  it('finds nothing wrong with a coherent meeting', () => {
    expect(meetingProblems(coherent)).toEqual([]);
    expect(problemsOf({ kind: 'technical-group', number: null, technicalGroup: 'tg-crime-prevention' })).toEqual([]);
    expect(problemsOf({ format: 'virtual', venue: null, city: null, hostState: null })).toEqual([]);
  });

  it('asks a ministerial meeting for its number, and only a ministerial one', () => {
    expect(problemsOf({ number: null })).toEqual([{ name: 'number', reason: 'reason.meeting.numberRequired' }]);
    expect(problemsOf({ kind: 'preparatory' })).toEqual([{ name: 'number', reason: 'reason.meeting.numberOnly' }]);
  });

  it('asks a technical-group meeting for its group, and only such a meeting', () => {
    expect(problemsOf({ kind: 'technical-group', number: null })).toEqual([
      { name: 'technicalGroup', reason: 'reason.meeting.groupRequired' },
    ]);
    expect(problemsOf({ technicalGroup: 'tg-crime-prevention' })).toEqual([
      { name: 'technicalGroup', reason: 'reason.meeting.groupOnly' },
    ]);
  });

  it('asks a meeting held somewhere for its place, and one held online for its link', () => {
    expect(problemsOf({ format: 'in-person', venue: null, city: '', hostState: undefined })).toEqual([
      { name: 'venue', reason: 'reason.meeting.required.in-person' },
      { name: 'city', reason: 'reason.meeting.required.in-person' },
      { name: 'hostState', reason: 'reason.meeting.required.in-person' },
    ]);
    expect(problemsOf({ format: 'virtual', onlineUrl: null, venue: null, city: null, hostState: null })).toEqual([
      { name: 'onlineUrl', reason: 'reason.meeting.required.virtual' },
    ]);
  });

  it('wants the end after the start and the registration deadline before it', () => {
    expect(problemsOf({ end: '2027-03-15T09:00' })).toEqual([{ name: 'end', reason: 'reason.meeting.endAfterStart' }]);
    expect(problemsOf({ registrationDeadline: '2027-03-15T09:00' })).toEqual([
      { name: 'registrationDeadline', reason: 'reason.meeting.deadlineBeforeStart' },
    ]);
  });

  it('compares times on the venue clock across a change to daylight saving time', () => {
    // 01:30 EST is 06:30Z and 03:15 EDT is 07:15Z: 45 minutes apart, the end after the start.
    const newYork = { hostState: 'us', city: 'New York', timeZone: 'America/New_York' };
    expect(problemsOf({ ...newYork, start: '2027-03-14T01:30', end: '2027-03-14T03:15' })).toEqual([]);
    expect(problemsOf({ ...newYork, start: '2027-03-14T02:30', end: '2027-03-14T03:15' })).toEqual([
      { name: 'start', reason: 'reason.meeting.skipped?zone=America%2FNew_York' },
    ]);
  });

  it('leaves the times to the time-zone field when the zone is unknown', () => {
    expect(problemsOf({ timeZone: 'Mars/Olympus_Mons', end: '2027-03-01T00:00' })).toEqual([]);
  });
});

describe('earliestAllowed', () => {
  const start = '2028-10-10T14:00:00.000Z';
  it(`opens the session from ${SESSION_EARLY_HOURS} hours before the start, concludes from the start`, () => {
    expect(earliestAllowed('start', start)).toBe('2028-10-09T14:00:00.000Z');
    expect(earliestAllowed('conclude', start)).toBe(start);
  });
  it('leaves the other steps, and meetings without times, unbounded', () => {
    for (const step of ['convene', 'open-registration', 'close-registration', 'cancel'] as const) {
      expect(earliestAllowed(step, start)).toBeNull();
    }
    expect(earliestAllowed('start', null)).toBeNull();
  });
});

describe('isPastMeeting', () => {
  const now = '2026-12-05T08:00:00.000Z';
  it('places a concluded meeting among past ones even when its dates are to come', () => {
    expect(isPastMeeting({ status: 'concluded', end: '2028-10-14T00:00:00.000Z' }, now)).toBe(true);
  });
  it('keeps a meeting in session among current ones even when its dates have passed', () => {
    expect(isPastMeeting({ status: 'in-session', end: '2026-12-01T00:00:00.000Z' }, now)).toBe(false);
  });
  it('places the others by their end', () => {
    expect(isPastMeeting({ status: 'registration-open', end: '2027-01-01T00:00:00.000Z' }, now)).toBe(false);
    expect(isPastMeeting({ status: 'cancelled', end: '2026-12-01T00:00:00.000Z' }, now)).toBe(true);
  });
});
