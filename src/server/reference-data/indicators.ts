import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { INDICATOR_CODE_PATTERN, INDICATOR_SOURCE_TYPES } from '../../domain/indicators.js';
import type { Database } from '../db/schema.js';
import { lockSeries } from '../db/series-lock.js';
import { ReferenceDataError, translationRows } from './loader.js';
import { TextSchema } from './schema.js';

/**
 * The observatory's shipped data (issue 14): `indicators.json` (the catalogue entries) and the CSV
 * file each names (values per state and year). Loaded at start, in one transaction, when the files
 * changed since the last load; an indicator or a value already in the database is never touched,
 * because from then on it is the secretariat's (edited in the catalogue, corrected with a reason).
 * So loading is idempotent and adds only what is new: another year, another state, another indicator.
 */

const FILE = 'indicators.json';
const url = z.url().regex(/^[\x21-\x7e]+$/, 'percent-encode the characters outside ASCII');

export const IndicatorRowSchema = z
  .object({
    code: z.string().regex(INDICATOR_CODE_PATTERN, 'lower-case words joined by hyphens'),
    unit: z.string().min(1),
    iccsCode: z.string().min(1).nullable(),
    sdgCode: z.string().min(1).nullable(),
    sourceType: z.enum(INDICATOR_SOURCE_TYPES),
    sourceOrganisation: z.string().min(1),
    sourceUrl: url,
    licence: z.string().min(1),
    licenceUrl: url.nullable(),
    attribution: z.string().min(1),
    higherIsWorse: z.boolean(),
    pillars: z.array(z.string()).default([]),
    /** A CSV file beside this one: iso3,country,year,<value>,source. */
    data: z.string().regex(/^[\w-]+\.csv$/),
    name: TextSchema,
    definition: TextSchema,
  })
  .strict();
type IndicatorRow = z.infer<typeof IndicatorRowSchema>;

interface CsvValue {
  iso3: string;
  year: number;
  value: number;
  source: string;
}

/** Reads a shipped series; every mistake names its file, line and column. */
function readSeries(full: string): CsvValue[] {
  const lines = fs.readFileSync(full, 'utf8').split(/\r?\n/);
  const fail = (line: number, column: string, why: string) =>
    new ReferenceDataError(`${full}, line ${line}, column "${column}": ${why}`);
  if (!/^iso3,country,year,[\w]+,source$/.test(lines[0] ?? '')) {
    throw fail(1, '(header)', 'expected iso3,country,year,<value>,source');
  }
  const values: CsvValue[] = [];
  for (const [index, line] of lines.entries()) {
    if (index === 0 || line === '') continue;
    // The shipped files quote nothing: names and sources hold no comma before the source column.
    const [iso3 = '', , yearText = '', valueText = '', ...source] = line.split(',');
    const year = Number(yearText);
    const value = Number(valueText);
    if (!/^[A-Z]{3}$/.test(iso3)) throw fail(index + 1, 'iso3', `"${iso3}" is no ISO 3166-1 alpha-3 code`);
    if (!Number.isInteger(year)) throw fail(index + 1, 'year', `"${yearText}" is no year`);
    if (valueText.trim() === '' || !Number.isFinite(value))
      throw fail(index + 1, 'value', `"${valueText}" is no number`);
    values.push({ iso3, year, value, source: source.join(',') });
  }
  return values;
}

function readIndicatorFiles(
  dir: string,
): { rows: Array<{ row: IndicatorRow; values: CsvValue[] }>; checksum: string } | null {
  const full = path.join(dir, FILE);
  if (!fs.existsSync(full)) return null;
  const hash = createHash('sha256');
  const content = fs.readFileSync(full, 'utf8');
  hash.update(content);
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    throw new ReferenceDataError(`Cannot read reference file ${full}: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new ReferenceDataError(`${full} must hold a JSON array of rows.`);
  const rows = parsed.map((raw, index) => {
    const result = IndicatorRowSchema.safeParse(raw);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new ReferenceDataError(
        `${full}, row ${index + 1}, field "${issue?.path.join('.') || '(row)'}": ${issue?.message}`,
      );
    }
    const data = path.join(dir, result.data.data);
    hash.update('\0').update(fs.readFileSync(data));
    return { row: result.data, values: readSeries(data) };
  });
  return { rows, checksum: hash.digest('hex') };
}

/** Rows per INSERT: well below SQLite's and PostgreSQL's limits on bound parameters. */
const CHUNK = 200;

export interface IndicatorLoadResult {
  changed: boolean;
  indicators: number;
  observations: number;
}

export async function loadIndicatorData(
  db: Kysely<Database>,
  dir: string,
  now: () => Date,
): Promise<IndicatorLoadResult> {
  const unchanged = { changed: false, indicators: 0, observations: 0 };
  const files = readIndicatorFiles(dir);
  if (!files) return unchanged;
  const loaded = async (from: Kysely<Database>) =>
    (await from.selectFrom('reference_load').select('checksum').where('name', '=', 'indicators').executeTakeFirst())
      ?.checksum === files.checksum;
  if (await loaded(db)) return unchanged;

  return db.transaction().execute(async (trx) => {
    await lockSeries(trx, 'reference-data');
    if (await loaded(trx)) return unchanged;
    const at = now().toISOString();
    const stamps = { created_at: at, updated_at: at };
    const states = new Map(
      (await trx.selectFrom('member_state').select(['id', 'iso3']).execute()).map((s) => [s.iso3, s.id]),
    );
    const pillars = new Map(
      (await trx.selectFrom('pillar').select(['id', 'code']).execute()).map((p) => [p.code, p.id]),
    );
    const result = { changed: true, indicators: 0, observations: 0 };
    for (const [index, { row, values }] of files.rows.entries()) {
      let indicator = await trx.selectFrom('indicator').select('id').where('code', '=', row.code).executeTakeFirst();
      if (!indicator) {
        indicator = { id: uuidv7() };
        await trx
          .insertInto('indicator')
          .values({
            id: indicator.id,
            code: row.code,
            unit: row.unit,
            iccs_code: row.iccsCode,
            sdg_code: row.sdgCode,
            source_type: row.sourceType,
            source_organisation: row.sourceOrganisation,
            source_url: row.sourceUrl,
            licence: row.licence,
            licence_url: row.licenceUrl,
            attribution: row.attribution,
            higher_is_worse: row.higherIsWorse ? 1 : 0,
            ...stamps,
          })
          .execute();
        const base = { entity_type: 'indicator', entity_id: indicator.id };
        const texts = translationRows(base, { name: row.name, definition: row.definition });
        await trx
          .insertInto('translation')
          .values(texts.map((text) => ({ ...text, ...stamps })))
          .execute();
        for (const code of row.pillars) {
          const pillarId = pillars.get(code);
          if (!pillarId)
            throw new ReferenceDataError(`${FILE}, row ${index + 1}, field "pillars": no pillar "${code}".`);
          await trx
            .insertInto('pillar_link')
            .values({ ...base, pillar_id: pillarId, ...stamps })
            .execute();
        }
        result.indicators++;
      }
      const indicatorId = indicator.id;
      const held = new Set(
        (
          await trx
            .selectFrom('observation')
            .select(['member_state_id', 'year'])
            .where('indicator_id', '=', indicatorId)
            .where('status', '=', 'published')
            .execute()
        ).map((o) => `${o.member_state_id} ${o.year}`),
      );
      const fresh = values.flatMap((value, line) => {
        const stateId = states.get(value.iso3);
        if (!stateId) {
          throw new ReferenceDataError(
            `${row.data}, line ${line + 2}, column "iso3": no member state "${value.iso3}".`,
          );
        }
        if (held.has(`${stateId} ${value.year}`)) return [];
        held.add(`${stateId} ${value.year}`);
        return [
          {
            id: uuidv7(),
            indicator_id: indicatorId,
            member_state_id: stateId,
            year: value.year,
            value: value.value,
            status: 'published',
            source: value.source,
            break_in_series: 0,
            ...stamps,
          },
        ];
      });
      for (let start = 0; start < fresh.length; start += CHUNK) {
        await trx
          .insertInto('observation')
          .values(fresh.slice(start, start + CHUNK))
          .execute();
      }
      result.observations += fresh.length;
    }
    await trx
      .insertInto('reference_load')
      .values({ name: 'indicators', checksum: files.checksum, ...stamps })
      .onConflict((oc) => oc.column('name').doUpdateSet({ checksum: files.checksum, updated_at: at }))
      .execute();
    return result;
  });
}
