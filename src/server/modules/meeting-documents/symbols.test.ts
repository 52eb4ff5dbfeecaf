import { describe, expect, it } from 'vitest';
import { documentSymbol, meetingSymbol, revisionSymbol, symbolPatternProblem } from './symbols.js';

const mispaIX = {
  ordinal: 9,
  number: 'IX',
  slug: 'mispa-ix',
  symbol_pattern: null,
  starts_at: '2026-10-01T14:00:00.000Z',
  start_date: null,
};
const now = new Date('2025-01-01T00:00:00Z');

describe('document symbols', () => {
  it('follow the default pattern of a ministerial meeting', () => {
    expect(documentSymbol(mispaIX, 'working', 3, now)).toBe('OEA/Ser.K/XLIX.9 MISPA IX/doc.3/26');
    expect(documentSymbol(mispaIX, 'information', 1, now)).toBe('OEA/Ser.K/XLIX.9 MISPA IX/inf.1/26');
    expect(documentSymbol(mispaIX, 'presentation', 2, now)).toBe('OEA/Ser.K/XLIX.9 MISPA IX/pres.2/26');
    expect(documentSymbol(mispaIX, 'report', 1, now)).toBe('OEA/Ser.K/XLIX.9 MISPA IX/rep.1/26');
  });

  it('name an unnumbered meeting by its slug, and take the year from the clock when it has no date', () => {
    const group = { ...mispaIX, number: '', slug: 'gt-prevention-3', starts_at: null };
    expect(documentSymbol(group, 'working', 1, now)).toBe('OEA/Ser.K/XLIX GT-PREVENTION-3/doc.1/25');
  });

  it('follow a meeting’s own pattern, and fall back to the default when it is unusable', () => {
    expect(documentSymbol({ ...mispaIX, symbol_pattern: '{yyyy}-{series}{sequence}' }, 'report', 4, now)).toBe(
      '2026-rep4',
    );
    expect(documentSymbol({ ...mispaIX, symbol_pattern: 'X/{nope}/{sequence}' }, 'working', 1, now)).toBe(
      'OEA/Ser.K/XLIX.9 MISPA IX/doc.1/26',
    );
  });

  it('give the meeting’s own symbol: its pattern up to the series', () => {
    expect(meetingSymbol(mispaIX, now)).toBe('OEA/Ser.K/XLIX.9 MISPA IX');
    expect(meetingSymbol({ ...mispaIX, number: '', slug: 'gt-prevention-3' }, now)).toBe(
      'OEA/Ser.K/XLIX GT-PREVENTION-3',
    );
    expect(meetingSymbol({ ...mispaIX, symbol_pattern: 'MISPA/{yyyy}/{series}.{sequence}' }, now)).toBe('MISPA/2026');
    // A pattern that opens with the series says nothing of the meeting: the default's part serves.
    expect(meetingSymbol({ ...mispaIX, symbol_pattern: '{series}.{sequence}' }, now)).toBe('OEA/Ser.K/XLIX.9 MISPA IX');
  });

  it('append rev. N from the first revision on', () => {
    expect(revisionSymbol('A/doc.1/26', 0)).toBe('A/doc.1/26');
    expect(revisionSymbol('A/doc.1/26', 2)).toBe('A/doc.1/26 rev. 2');
  });

  it('say why a pattern cannot serve', () => {
    expect(symbolPatternProblem('OEA/{series}.{sequence}')).toBeNull();
    expect(symbolPatternProblem('OEA/{serie}.{sequence}')).toMatch(/^has unknown placeholders \{serie\}; allowed: /);
    expect(symbolPatternProblem('OEA/{number}')).toBe('must contain {series} and {sequence}');
  });
});
