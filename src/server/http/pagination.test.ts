import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, toPage } from './pagination.js';
import { InvalidParameterError } from './problems.js';

describe('cursors', () => {
  it('round-trips any sort key', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 200 }), fc.integer()), { minLength: 1, maxLength: 4 }),
        (key) => {
          const shape = key.map((part): 'int' | 'text' => (typeof part === 'number' ? 'int' : 'text'));
          expect(decodeCursor(encodeCursor(key), shape)).toEqual(key);
        },
      ),
    );
  });

  it('refuses anything else as an invalid cursor parameter', () => {
    fc.assert(
      fc.property(fc.string(), (garbage) => {
        const decoded = (() => {
          try {
            return decodeCursor(garbage, ['int', 'text', 'text', 'int', 'text']);
          } catch (error) {
            return error;
          }
        })();
        expect(decoded).toBeInstanceOf(InvalidParameterError);
        expect((decoded as InvalidParameterError).parameter).toBe('cursor');
      }),
    );
  });

  it('refuses a cursor of another list: a key of another length or other types', () => {
    expect(() => decodeCursor(encodeCursor([1, 'a']), ['int'])).toThrow(InvalidParameterError);
    expect(() => decodeCursor(encodeCursor(['a']), ['int'])).toThrow(InvalidParameterError);
    expect(() => decodeCursor(encodeCursor([1.5]), ['int'])).toThrow(InvalidParameterError);
    expect(() => decodeCursor(encodeCursor([2]), ['text'])).toThrow(InvalidParameterError);
  });

  it('reads no cursor as the first page', () => {
    expect(decodeCursor(undefined, ['int'])).toBeUndefined();
  });
});

describe('toPage', () => {
  it('returns no cursor on the last page and the last key otherwise', () => {
    expect(toPage([1, 2], 2, (n) => [n])).toEqual({ rows: [1, 2], nextCursor: null });
    const page = toPage([1, 2, 3], 2, (n) => [n]);
    expect(page.rows).toEqual([1, 2]);
    expect(decodeCursor(page.nextCursor as string, ['int'])).toEqual([2]);
  });
});
