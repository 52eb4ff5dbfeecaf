import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordDiff } from './word-diff.js';

describe('wordDiff', () => {
  it('gives the words kept, removed and added, in order, and both texts back, spaces included', () => {
    const parts = wordDiff('Fortalecer la cooperación regional', 'Fortalecer la cooperación hemisférica');
    expect(parts).toEqual([
      { op: 'same', text: 'Fortalecer la cooperación ' },
      { op: 'removed', text: 'regional' },
      { op: 'added', text: 'hemisférica' },
    ]);
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const diff = wordDiff(a, b);
        expect(
          diff
            .filter((p) => p.op !== 'added')
            .map((p) => p.text)
            .join(''),
        ).toBe(a);
        expect(
          diff
            .filter((p) => p.op !== 'removed')
            .map((p) => p.text)
            .join(''),
        ).toBe(b);
      }),
    );
  });
});
