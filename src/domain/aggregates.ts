/**
 * The aggregates an indicator's series is compared with (issue 14): per year, the median of the
 * member states that have a value — for the whole region and for each subregion — and, where
 * population data is loaded, the population-weighted mean.
 */
import { SUBREGIONS } from './reference.js';
import { median } from './trends.js';

/** The whole region, or one of its subregions. */
export const AGGREGATE_AREAS = ['region', ...SUBREGIONS] as const;
export type AggregateArea = (typeof AGGREGATE_AREAS)[number];

export const AGGREGATE_STATISTICS = ['median', 'population-weighted-mean'] as const;
export type AggregateStatistic = (typeof AGGREGATE_STATISTICS)[number];

/** The catalogue's code for the member states' population: once it has published values, the
 * aggregates add the population-weighted mean. */
export const POPULATION_INDICATOR = 'population';

export interface StateYearValue {
  /** The member state's id. */
  state: string;
  year: number;
  value: number;
}

/** One year of an aggregate, with the number of states it is computed from. */
export interface AggregatePoint {
  year: number;
  value: number;
  n: number;
}

function byYear(points: readonly StateYearValue[]): Array<[number, StateYearValue[]]> {
  const years = new Map<number, StateYearValue[]>();
  for (const point of points) years.set(point.year, [...(years.get(point.year) ?? []), point]);
  return [...years.entries()].sort(([a], [b]) => a - b);
}

/** The median of the values of each year, over whichever states have one that year. Years oldest
 * first. */
export function medianByYear(points: readonly StateYearValue[]): AggregatePoint[] {
  return byYear(points).map(([year, own]) => ({
    year,
    value: median(own.map((p) => p.value).sort((x, y) => x - y)),
    n: own.length,
  }));
}

/** Σ value × population / Σ population per year, over the states with a value that year. A year in
 * which one of those states has no population is left out: weighting only some of them would
 * be a different mean, not a guess at this one. */
export function populationWeightedMeanByYear(
  points: readonly StateYearValue[],
  population: ReadonlyMap<string, number>,
): AggregatePoint[] {
  const result: AggregatePoint[] = [];
  for (const [year, own] of byYear(points)) {
    const weights = own.map((p) => population.get(populationKey(p.state, year)));
    if (weights.some((w) => w === undefined || w <= 0)) continue;
    let total = 0;
    let weighted = 0;
    own.forEach((p, i) => {
      total += weights[i] as number;
      weighted += p.value * (weights[i] as number);
    });
    result.push({ year, value: weighted / total, n: own.length });
  }
  return result;
}

export function populationKey(state: string, year: number): string {
  return `${state}:${year}`;
}
