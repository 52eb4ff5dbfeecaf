/**
 * Trends of an indicator's yearly series (issue 14): the Theil–Sen slope and the Mann–Kendall test,
 * as the textbook states them (Gilbert 1987, "Statistical Methods for Environmental Pollution
 * Monitoring", ch. 16; the formulas of R's `trend::mk.test` and `trend::sens.slope`).
 */

/** Fewer points than this give no trend: "not enough data", never a guess. */
export const TREND_MIN_POINTS = 5;
/** The window, in calendar years ending with the indicator's latest year, when none is asked. */
export const TREND_YEARS_DEFAULT = 10;
export const TREND_YEARS_MAX = 100;
/** A trend is flagged as a significant rise or fall below this two-sided p-value. */
export const TREND_ALPHA = 0.05;

export const TREND_FLAGS = ['significant-rise', 'significant-fall', 'no-significant-trend', 'not-enough-data'] as const;
export type TrendFlag = (typeof TREND_FLAGS)[number];

export interface YearValue {
  year: number;
  value: number;
}

export interface MannKendall {
  /** Sum over every pair i < j of sgn(x_j − x_i). */
  s: number;
  /** Var(S) under no trend, with the tie correction. */
  variance: number;
  /** (S − sgn S) / √Var(S): the continuity correction; 0 when S is 0. */
  z: number;
  /** Two-sided p-value from the standard normal distribution. */
  p: number;
}

export type Trend =
  | { flag: 'not-enough-data'; years: number[]; n: number }
  | ({ flag: Exclude<TrendFlag, 'not-enough-data'>; years: number[]; n: number; slope: number } & MannKendall);

/** The median of numbers sorted in ascending order. */
export function median(sorted: readonly number[]): number {
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Theil–Sen slope: the median of the slopes of every pair of points, in value per year. Points of
 * the same year (none in a yearly series) would have no slope and are skipped. */
export function theilSenSlope(points: readonly YearValue[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const a = points[i] as YearValue;
      const b = points[j] as YearValue;
      if (a.year !== b.year) slopes.push((b.value - a.value) / (b.year - a.year));
    }
  }
  if (slopes.length === 0) throw new RangeError('theilSenSlope needs two points of different years');
  return median(slopes.sort((x, y) => x - y));
}

/**
 * Complementary error function, Numerical Recipes in C (2nd ed., 1992), §6.2 `erfcc`: a Chebyshev
 * fit with fractional error below 1.2e-7 everywhere — far finer than the 0.05 the flags compare to.
 */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Standard normal cumulative distribution: Φ(x) = erfc(−x/√2)/2. */
export function normalCdf(x: number): number {
  return erfc(-x / Math.SQRT2) / 2;
}

/** The Mann–Kendall test of values in time order (Gilbert 1987, §16.4). */
export function mannKendall(values: readonly number[]): MannKendall {
  const n = values.length;
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) s += Math.sign((values[j] as number) - (values[i] as number));
  }
  const tieGroups = new Map<number, number>();
  for (const value of values) tieGroups.set(value, (tieGroups.get(value) ?? 0) + 1);
  let ties = 0;
  for (const t of tieGroups.values()) ties += t * (t - 1) * (2 * t + 5);
  const variance = (n * (n - 1) * (2 * n + 5) - ties) / 18;
  const z = s === 0 || variance === 0 ? 0 : (s - Math.sign(s)) / Math.sqrt(variance);
  // 2(1 − Φ(|z|)) = erfc(|z|/√2), without the cancellation of 1 − Φ in the tail; exactly 1 at z = 0.
  return { s, variance, z, p: z === 0 ? 1 : erfc(Math.abs(z) / Math.SQRT2) };
}

/** The calendar years a trend looks at: the `years` ending with `lastYear`. */
export function trendWindow(lastYear: number, years: number): { from: number; to: number } {
  return { from: lastYear - years + 1, to: lastYear };
}

/** The trend of a yearly series (missing years simply absent). Flags need p < TREND_ALPHA. */
export function trend(series: readonly YearValue[]): Trend {
  const points = [...series].sort((a, b) => a.year - b.year);
  const years = points.map((point) => point.year);
  if (points.length < TREND_MIN_POINTS) return { flag: 'not-enough-data', years, n: points.length };
  const test = mannKendall(points.map((point) => point.value));
  const flag = test.p >= TREND_ALPHA ? 'no-significant-trend' : test.s > 0 ? 'significant-rise' : 'significant-fall';
  return { flag, years, n: points.length, slope: theilSenSlope(points), ...test };
}
