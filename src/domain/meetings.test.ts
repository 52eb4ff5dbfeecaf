import { describe, expect, it } from 'vitest';
import { earliestAllowed, isPastMeeting, SESSION_EARLY_HOURS } from './meetings.js';

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
