import { describe, expect, it } from 'vitest';
import { nextDeadline } from './workspace.js';

describe('nextDeadline', () => {
  const meeting = {
    status: 'registration-open',
    registrationDeadline: '2026-03-01T12:00:00.000Z',
    startsAt: '2026-03-10T14:00:00.000Z',
    endsAt: '2026-03-11T22:00:00.000Z',
  };

  it('is the registration deadline, then the start, then the end, then none', () => {
    expect(nextDeadline(meeting, '2026-02-01T00:00:00.000Z')).toEqual({
      kind: 'registration-deadline',
      at: meeting.registrationDeadline,
    });
    expect(nextDeadline(meeting, '2026-03-02T00:00:00.000Z')).toEqual({ kind: 'start', at: meeting.startsAt });
    expect(nextDeadline(meeting, '2026-03-10T15:00:00.000Z')).toEqual({ kind: 'end', at: meeting.endsAt });
    expect(nextDeadline(meeting, '2026-03-12T00:00:00.000Z')).toBeNull();
  });

  it('skips the registration deadline once registration is closed', () => {
    const closed = { ...meeting, status: 'registration-closed' };
    expect(nextDeadline(closed, '2026-02-01T00:00:00.000Z')).toEqual({ kind: 'start', at: meeting.startsAt });
  });
});
