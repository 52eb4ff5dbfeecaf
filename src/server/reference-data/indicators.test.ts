import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate.js';
import { createTestDatabase, type Engine, engines, referenceDir, type TestDatabase } from '../testing/harness.js';
import { loadIndicatorData } from './indicators.js';
import { loadReferenceData, ReferenceDataError } from './loader.js';

const clock = () => new Date('2026-01-01T00:00:00Z');

function copyOfReferenceData(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-indicators-'));
  for (const file of fs.readdirSync(referenceDir)) fs.copyFileSync(path.join(referenceDir, file), path.join(dir, file));
  return dir;
}

const appendRow = (dir: string, line: string) => fs.appendFileSync(path.join(dir, 'homicide_rates.csv'), `${line}\n`);

describe.each(engines)('indicator data loader [%s]', (engine: Engine) => {
  let database: TestDatabase;
  let dir: string;
  beforeEach(async () => {
    database = await createTestDatabase(engine);
    await migrateToLatest(database.db, database.schema);
    await loadReferenceData(database.db, referenceDir, clock);
    dir = copyOfReferenceData();
  });
  afterEach(async () => {
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const published = () => database.db.selectFrom('observation').selectAll().where('status', '=', 'published').execute();

  it('loads the homicide indicator, its texts in four languages and the 968 values of the 35 states', async () => {
    expect(await loadIndicatorData(database.db, dir, clock)).toEqual({
      changed: true,
      indicators: 1,
      observations: 968,
    });
    const indicator = await database.db.selectFrom('indicator').selectAll().executeTakeFirstOrThrow();
    expect(indicator).toMatchObject({
      code: 'homicide-rate',
      iccs_code: '0101',
      sdg_code: '16.1.1',
      higher_is_worse: 1,
    });
    const texts = await database.db
      .selectFrom('translation')
      .select(['field', 'lang'])
      .where('entity_id', '=', indicator.id)
      .execute();
    expect(texts).toHaveLength(8);
    const rows = await published();
    expect(new Set(rows.map((row) => row.member_state_id)).size).toBe(35);
    const mexico = await database.db
      .selectFrom('member_state')
      .select('id')
      .where('iso3', '=', 'MEX')
      .executeTakeFirstOrThrow();
    // homicide_rates.csv: MEX,Mexico,2023,24.858995
    expect(rows.find((row) => row.member_state_id === mexico.id && row.year === 2023)?.value).toBe(24.858995);
  });

  it('changes nothing when loaded again', async () => {
    await loadIndicatorData(database.db, dir, clock);
    expect(await loadIndicatorData(database.db, dir, clock)).toEqual({
      changed: false,
      indicators: 0,
      observations: 0,
    });
    expect(await published()).toHaveLength(968);
  });

  it('adds a new year and keeps a value the secretariat corrected', async () => {
    await loadIndicatorData(database.db, dir, clock);
    const first = (await published())[0];
    await database.db
      .updateTable('observation')
      .set({ value: 99 })
      .where('id', '=', first?.id as string)
      .execute();
    appendRow(dir, 'MEX,Mexico,2024,20.5,test');
    expect(await loadIndicatorData(database.db, dir, clock)).toEqual({ changed: true, indicators: 0, observations: 1 });
    const rows = await published();
    expect(rows).toHaveLength(969);
    expect(rows.find((row) => row.id === first?.id)?.value).toBe(99);
  });

  it.each([
    ['XXX,Nowhere,2020,1.5,test', 'column "iso3": no member state "XXX"'],
    ['MEX,Mexico,2020,abc,test', 'column "value": "abc" is no number'],
    ['MEX,Mexico,20x0,1.5,test', 'column "year": "20x0" is no year'],
  ])('refuses the row %s naming its line and column, and loads nothing', async (line, why) => {
    appendRow(dir, line);
    await expect(loadIndicatorData(database.db, dir, clock)).rejects.toThrow(ReferenceDataError);
    await expect(loadIndicatorData(database.db, dir, clock)).rejects.toThrow(
      new RegExp(`line 970, ${why.replace(/[()"]/g, '.')}`),
    );
    expect(await published()).toHaveLength(0);
  });
});
