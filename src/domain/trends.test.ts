import { describe, expect, it } from 'vitest';
import { mannKendall, normalCdf, theilSenSlope, trend, trendWindow } from './trends.js';

const yearly = (values: number[], first = 1) => values.map((value, i) => ({ year: first + i, value }));

// "A Mann-Kendall Example ('By Hand')", D. Little, College of the Holy Cross
// (mathcs.holycross.edu/~little/Montserrat/MannKendallByHand.txt): 14 values, one pair tied (12.9),
// S = 54, V = (14)(13)(33)/18 − (2)(1)(9)/18, Z = (S − 1)/√V = 2.9058, one-sided p about .0018.
const HOLY_CROSS = [12.9, 14.8, 13.2, 15.7, 13.8, 15.6, 12.9, 11.0, 17.3, 15.9, 19.0, 18.3, 20.1, 21.7];

// The docstring example of `slope_mk` in Ipaper.jl (jl-pkgs/Ipaper.jl, ext/IpaperSlopeExt/slope_mk.jl):
// mkTrend([4.81, …, 4.69]) → z0 = 0.35777087639996635, pval0 = 0.7205147871362552, slope = 0.04.
const IPAPER = [4.81, 4.17, 4.41, 3.59, 5.87, 3.83, 6.03, 4.89, 4.32, 4.69];

describe('mannKendall', () => {
  it('gives the worked example’s S, tie-corrected variance and continuity-corrected z', () => {
    const test = mannKendall(HOLY_CROSS);
    expect(test.s).toBe(54);
    expect(test.variance).toBeCloseTo((14 * 13 * 33) / 18 - (2 * 1 * 9) / 18, 10);
    expect(test.z).toBeCloseTo(2.9058, 4);
    // The source reads a one-sided p of about .0018 from a table; the test is two-sided.
    expect(test.p / 2).toBeCloseTo(0.0018, 4);
  });

  it('gives the published z and p of a series without ties', () => {
    const test = mannKendall(IPAPER);
    expect(test.s).toBe(5);
    expect(test.variance).toBe(125);
    expect(test.z).toBeCloseTo(0.35777087639996635, 12);
    expect(test.p).toBeCloseTo(0.7205147871362552, 6);
  });

  it('is the mirror image for a falling series', () => {
    const test = mannKendall(HOLY_CROSS.map((value) => -value));
    expect(test.s).toBe(-54);
    expect(test.z).toBeCloseTo(-2.9058, 4);
  });

  it('gives z = 0 and p = 1 when S is 0', () => {
    expect(mannKendall([3, 3, 3, 3, 3])).toEqual({ s: 0, variance: 0, z: 0, p: 1 });
  });
});

describe('theilSenSlope', () => {
  it('gives the published slope', () => {
    expect(theilSenSlope(yearly(IPAPER))).toBeCloseTo(0.04, 12);
  });

  it('measures the slope per year across missing years', () => {
    expect(
      theilSenSlope([
        { year: 2000, value: 1 },
        { year: 2004, value: 9 },
        { year: 2005, value: 11 },
      ]),
    ).toBe(2);
  });
});

describe('normalCdf', () => {
  // Values of the standard normal table (Abramowitz and Stegun, 1964, table 26.1).
  it.each([
    [0, 0.5],
    [1, 0.8413447461],
    [1.959963985, 0.975],
    [-2.5758293035, 0.005],
    [3, 0.998650102],
  ])('Φ(%d) = %d', (x, expected) => {
    expect(normalCdf(x)).toBeCloseTo(expected, 7);
  });
});

describe('trend', () => {
  it('says "not enough data" below five points, and guesses nothing', () => {
    expect(trend(yearly([1, 2, 3, 4]))).toEqual({ flag: 'not-enough-data', years: [1, 2, 3, 4], n: 4 });
  });

  it('flags the worked example as a significant rise, and its mirror as a fall', () => {
    expect(trend(yearly(HOLY_CROSS, 2010))).toMatchObject({ flag: 'significant-rise', n: 14, s: 54 });
    expect(
      trend(
        yearly(
          HOLY_CROSS.map((value) => -value),
          2010,
        ),
      ).flag,
    ).toBe('significant-fall');
  });

  it('flags no trend when p is 0.05 or more', () => {
    expect(trend(yearly(IPAPER, 2014))).toMatchObject({
      flag: 'no-significant-trend',
      slope: expect.closeTo(0.04, 12),
    });
  });

  it('orders the points by year whatever order they come in', () => {
    const shuffled = yearly(HOLY_CROSS, 2010).reverse();
    expect(trend(shuffled)).toMatchObject({ s: 54, years: yearly(HOLY_CROSS, 2010).map((point) => point.year) });
  });
});

describe('trendWindow', () => {
  it('ends with the latest year: ten years to 2023 are 2014–2023', () => {
    expect(trendWindow(2023, 10)).toEqual({ from: 2014, to: 2023 });
  });
});
