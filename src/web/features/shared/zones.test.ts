import { describe, expect, it } from 'vitest';
import { meetingSpanIn, utcOffset, zoneName, zonesOfState } from './zones.js';

describe('time zones as people say them', () => {
  it('writes offsets as UTC−5, UTC+5:30 and UTC, with a true minus sign', () => {
    expect([-300, 330, 0, -210, 60].map(utcOffset)).toEqual(['UTC−5', 'UTC+5:30', 'UTC', 'UTC−3:30', 'UTC+1']);
  });

  it('names a zone in the reader’s language with the offset in force at the instant shown', () => {
    const october = new Date('2026-10-01T12:00:00Z');
    const january = new Date('2027-01-15T12:00:00Z');
    expect(zoneName('America/Lima', 'en', october)).toBe('Peru Standard Time (UTC−5)');
    expect(zoneName('America/Lima', 'es', october)).toBe('hora estándar de Perú (UTC−5)');
    // New York keeps daylight saving time in October, not in January.
    expect(zoneName('America/New_York', 'en', october)).toBe('Eastern Daylight Time (UTC−4)');
    expect(zoneName('America/New_York', 'en', january)).toBe('Eastern Standard Time (UTC−5)');
    expect(zoneName('America/St_Johns', 'en', january)).toBe('Newfoundland Standard Time (UTC−3:30)');
  });

  it('knows the zones of a state: one for Peru, several for Brazil', () => {
    expect(zonesOfState('pe')).toEqual(['America/Lima']);
    expect(zonesOfState('BR')).toContain('America/Sao_Paulo');
    expect(zonesOfState('BR').length).toBeGreaterThan(1);
  });

  it('reads a two-day meeting as two days with its opening and closing times, a one-day one as its hours', () => {
    // 09:00 on 7 October to 18:00 on 8 October in Lima (UTC−5).
    const two = meetingSpanIn('2030-10-07T14:00:00Z', '2030-10-08T23:00:00Z', 'America/Lima', 'en');
    expect(two).toEqual({
      days: 'October 7 – 8, 2030',
      dayCount: 2,
      opens: '9:00 AM',
      closes: '6:00 PM',
      zone: 'Peru Standard Time (UTC−5)',
    });
    // The same instants end on the 9th in Madrid: the days follow the clock they are read on.
    expect(meetingSpanIn('2030-10-07T14:00:00Z', '2030-10-08T23:00:00Z', 'Europe/Madrid', 'es').dayCount).toBe(3);
    const one = meetingSpanIn('2030-10-07T14:00:00Z', '2030-10-07T22:00:00Z', 'America/Lima', 'fr');
    expect(one).toMatchObject({ days: '7 octobre 2030', dayCount: 1, opens: '09:00', closes: '17:00' });
  });
});
