import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reason } from './reasons.js';
import { hasNul, isMultiline, isOneLine } from './text.js';

// With the bidirectional overrides and isolates, which make a text read otherwise than it is stored.
const FORBIDDEN_EVERYWHERE = [
  '\u0000',
  '\u0007',
  '\r',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u2029',
  '\u202A',
  '\u202E',
  '\u2066',
  '\u2069',
];
const plain = fc.string({ unit: fc.constantFrom('a', 'Á', ' ', 'ñ', '-', '€', '😀') });

describe('isOneLine and isMultiline', () => {
  it('accept text of any language with its punctuation and emoji', () => {
    fc.assert(
      fc.property(plain, (text) => {
        expect(isOneLine(text)).toBe(true);
        expect(isMultiline(text)).toBe(true);
      }),
    );
  });

  it('allow line breaks and tabs in a text of several lines only', () => {
    fc.assert(
      fc.property(plain, plain, fc.constantFrom('\n', '\t'), (before, after, separator) => {
        expect(isOneLine(before + separator + after)).toBe(false);
        expect(isMultiline(before + separator + after)).toBe(true);
      }),
    );
  });

  it('refuse every other control character, the Unicode line separators and bidi overrides anywhere', () => {
    fc.assert(
      fc.property(plain, plain, fc.constantFrom(...FORBIDDEN_EVERYWHERE), (before, after, character) => {
        expect(isOneLine(before + character + after)).toBe(false);
        expect(isMultiline(before + character + after)).toBe(false);
      }),
    );
  });
});

describe('hasNul', () => {
  it('finds a NUL wherever it is', () => {
    fc.assert(
      fc.property(plain, plain, (before, after) => {
        expect(hasNul(`${before}\0${after}`)).toBe(true);
      }),
    );
    expect(hasNul('no nul here')).toBe(false);
  });
});

describe('reason', () => {
  it('is the key alone, or the key with its values as a query string', () => {
    expect(reason('reason.required')).toBe('reason.required');
    expect(reason('reason.limit', { max: 100 })).toBe('reason.limit?max=100');
    expect(reason('reason.meeting.skipped', { zone: 'America/New_York' })).toBe(
      'reason.meeting.skipped?zone=America%2FNew_York',
    );
  });

  it('keeps every value readable back, whatever it holds', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const [key, query] = reason('reason.test', { a, b }).split('?');
        expect(key).toBe('reason.test');
        expect(Object.fromEntries(new URLSearchParams(query))).toEqual({ a, b });
      }),
    );
  });
});
