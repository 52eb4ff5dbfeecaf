import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, toPage } from './pagination.js';
import { InvalidParameterError } from './problems.js';

describe('cursors', () => {
  it('round-trips any sort key', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.integer()), { minLength: 1, maxLength: 4 }), (key) => {
        expect(decodeCursor(encodeCursor(key), key.length)).toEqual(key);
      }),
    );
  });

  it('refuses anything else as an invalid cursor parameter', () => {
    fc.assert(
      fc.property(fc.string(), (garbage) => {
        const decoded = (() => {
          try {
            return decodeCursor(garbage, 5);
          } catch (error) {
            return error;
          }
        })();
        expect(decoded).toBeInstanceOf(InvalidParameterError);
        expect((decoded as InvalidParameterError).parameter).toBe('cursor');
      }),
    );
  });

  it('refuses a cursor of another list (a key of another length)', () => {
    expect(() => decodeCursor(encodeCursor([1, 'a']), 1)).toThrow(InvalidParameterError);
  });
});

describe('toPage', () => {
  it('returns no cursor on the last page and the last key otherwise', () => {
    expect(toPage([1, 2], 2, (n) => [n])).toEqual({ rows: [1, 2], nextCursor: null });
    const page = toPage([1, 2, 3], 2, (n) => [n]);
    expect(page.rows).toEqual([1, 2]);
    expect(decodeCursor(page.nextCursor as string, 1)).toEqual([2]);
  });
});
