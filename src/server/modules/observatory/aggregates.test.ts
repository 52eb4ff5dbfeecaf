import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { AggregateList } from '../../../contract/indicators.js';
import { POPULATION_INDICATOR } from '../../../domain/aggregates.js';
import { median } from '../../../domain/trends.js';
import { expectProblem, expectProblemDocument, getJson } from '../../testing/api.js';
import { describeEachEngine, referenceDir } from '../../testing/harness.js';

const BASE = '/api/v1/indicators/homicide-rate';

/** The shipped series and the member states' subregions, read straight from the files. */
const subregionOf = new Map(
  (
    JSON.parse(fs.readFileSync(path.join(referenceDir, 'member-states.json'), 'utf8')) as Array<{
      iso3: string;
      subregion: string;
    }>
  ).map((state) => [state.iso3, state.subregion]),
);
const shipped = fs
  .readFileSync(path.join(referenceDir, 'homicide_rates.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [iso3, , year, value] = line.split(',');
    return { iso3: iso3 as string, year: Number(year), value: Number(value) };
  });

/** The median of the shipped values of a year, over the states of an area. */
function expectedMedian(area: string, year: number) {
  const values = shipped
    .filter((row) => row.year === year && (area === 'region' || subregionOf.get(row.iso3) === area))
    .map((row) => row.value)
    .sort((a, b) => a - b);
  return { year, value: median(values), n: values.length };
}

describeEachEngine('observatory: aggregates', (ctx) => {
  it('gives the regional and each subregional median per year from the stored values, and no weighted mean without population data', async () => {
    const list = (await getJson(ctx, `${BASE}/aggregates?from=2010&to=2023`)) as AggregateList;
    expect(list).toMatchObject({ indicator: 'homicide-rate', populationLoaded: false });
    expect(list.method).toContain('median');
    expect(list.source.attribution).toContain('UNODC');
    expect(list.items.map((item) => `${item.area}/${item.statistic}`)).toEqual([
      'region/median',
      'north-america/median',
      'central-america/median',
      'caribbean/median',
      'south-america/median',
    ]);
    for (const item of list.items) {
      const years = [...new Set(shipped.filter((r) => r.year >= 2010).map((r) => r.year))].sort((a, b) => a - b);
      expect(item.points).toEqual(years.map((year) => expectedMedian(item.area, year)));
    }
    // Every state with a value that year counts once in the region and once in its subregion.
    const region = list.items[0]?.points.at(-1);
    const subregions = list.items.slice(1).map((item) => item.points.at(-1)?.n ?? 0);
    expect(subregions.reduce((a, b) => a + b, 0)).toBe(region?.n);
  });

  it('refuses from after to and a malformed year, naming the parameter; 404 for an unknown indicator', async () => {
    expectProblem(await ctx.app.inject({ url: `${BASE}/aggregates?from=2020&to=2010` }), 400, 'from');
    expectProblem(await ctx.app.inject({ url: `${BASE}/aggregates?to=20x0` }), 400, 'to');
    expectProblemDocument(await ctx.app.inject({ url: '/api/v1/indicators/no-such/aggregates' }), 404);
  });

  it('adds the population-weighted mean once population data is loaded, leaving out years a state lacks it', async () => {
    const db = ctx.database.db;
    const at = new Date().toISOString();
    const indicatorId = '01900000-0000-7000-8000-000000000001';
    await db
      .insertInto('indicator')
      .values({
        id: indicatorId,
        code: POPULATION_INDICATOR,
        unit: 'inhabitants',
        iccs_code: null,
        sdg_code: null,
        source_type: 'other',
        source_organisation: 'Test census',
        source_url: 'https://example.org/census',
        licence: 'CC BY 4.0',
        licence_url: null,
        attribution: 'Test census',
        higher_is_worse: 0,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const states = await db.selectFrom('member_state').select(['id', 'iso3']).orderBy('iso3').execute();
    // A population for every state in 2022 (1,000 × its place in alpha-3 order), none in 2023.
    const population = new Map(states.map((state, i) => [state.iso3, 1000 * (i + 1)]));
    await db
      .insertInto('observation')
      .values(
        states.map((state, i) => ({
          id: `01900000-0000-7000-8000-${String(i + 2).padStart(12, '0')}`,
          indicator_id: indicatorId,
          member_state_id: state.id,
          year: 2022,
          value: population.get(state.iso3) as number,
          status: 'published',
          source: 'Test census',
          break_in_series: 0,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();

    const list = (await getJson(ctx, `${BASE}/aggregates?from=2022&to=2023`)) as AggregateList;
    expect(list.populationLoaded).toBe(true);
    const means = list.items.filter((item) => item.statistic === 'population-weighted-mean');
    expect(means.map((item) => item.area)).toEqual([
      'region',
      'north-america',
      'central-america',
      'caribbean',
      'south-america',
    ]);
    for (const item of means) {
      const own = shipped.filter(
        (row) => row.year === 2022 && (item.area === 'region' || subregionOf.get(row.iso3) === item.area),
      );
      const weight = (iso3: string) => population.get(iso3) as number;
      const total = own.reduce((sum, row) => sum + weight(row.iso3), 0);
      const mean = own.reduce((sum, row) => sum + row.value * weight(row.iso3), 0) / total;
      // 2023 has values but no population: no weighted mean that year, never a guess.
      expect(item.points).toHaveLength(1);
      expect(item.points[0]?.year).toBe(2022);
      expect(item.points[0]?.n).toBe(own.length);
      expect(item.points[0]?.value).toBeCloseTo(mean, 9);
    }
  });
});
