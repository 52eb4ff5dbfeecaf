import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database, ObservationTable } from '../../db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export type IndicatorRow = Awaited<ReturnType<typeof listIndicators>>[number];

export function listIndicators(db: Db) {
  return db.selectFrom('indicator').selectAll().orderBy('code').execute();
}

export function findIndicator(db: Db, code: string) {
  return db.selectFrom('indicator').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The first and last year with a published value, per indicator. */
export async function yearSpans(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, { first: number; last: number }>();
  const rows = await db
    .selectFrom('observation')
    .select((eb) => ['indicator_id', eb.fn.min<number>('year').as('first'), eb.fn.max<number>('year').as('last')])
    .where('indicator_id', 'in', ids)
    .where('status', '=', 'published')
    .groupBy('indicator_id')
    .execute();
  return new Map(rows.map((r) => [r.indicator_id, { first: Number(r.first), last: Number(r.last) }]));
}

/** Pillar codes linked to each indicator. */
export async function pillarCodesOf(db: Db, ids: string[]) {
  const result = new Map<string, string[]>();
  if (ids.length === 0) return result;
  const rows = await db
    .selectFrom('pillar_link')
    .innerJoin('pillar', 'pillar.id', 'pillar_link.pillar_id')
    .select(['pillar_link.entity_id', 'pillar.code'])
    .where('pillar_link.entity_type', '=', 'indicator')
    .where('pillar_link.entity_id', 'in', ids)
    .orderBy('pillar.position')
    .execute();
  for (const row of rows) result.set(row.entity_id, [...(result.get(row.entity_id) ?? []), row.code]);
  return result;
}

/** Every language's text of a field of the indicator: lang → text. */
export async function allTexts(db: Db, id: string, field: string) {
  const rows = await db
    .selectFrom('translation')
    .select(['lang', 'text'])
    .where('entity_type', '=', 'indicator')
    .where('entity_id', '=', id)
    .where('field', '=', field)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.lang, r.text]));
}

export type StateRow = { id: string; slug: string; iso2: string; iso3: string };

/** A member state by its alpha-2 code (the slug) or alpha-3 code, in any case. */
export function findStateByCode(db: Db, code: string): Promise<StateRow | undefined> {
  const column = code.length === 2 ? 'slug' : 'iso3';
  const value = code.length === 2 ? code.toLowerCase() : code.toUpperCase();
  return db
    .selectFrom('member_state')
    .select(['id', 'slug', 'iso2', 'iso3'])
    .where(column, '=', value)
    .executeTakeFirst();
}

const observationColumns = [
  'observation.id',
  'observation.member_state_id',
  'observation.year',
  'observation.value',
  'observation.status',
  'observation.source',
  'observation.notes',
  'observation.break_in_series',
  'observation.submitted_by',
  'observation.version',
  'member_state.slug',
  'member_state.iso2',
  'member_state.iso3',
] as const;

export type ObservationRow = Awaited<ReturnType<typeof listObservations>>[number];

export interface ObservationFilter {
  /** Any status when left out (a record fetched by id). */
  status?: string | undefined;
  stateIds?: string[] | undefined;
  from?: number | undefined;
  to?: number | undefined;
  ids?: string[] | undefined;
}

const observations = (db: Db) =>
  db
    .selectFrom('observation')
    .innerJoin('member_state', 'member_state.id', 'observation.member_state_id')
    .select([...observationColumns, 'observation.indicator_id']);

/** Values of one indicator, by state (ISO alpha-3 order) then year. */
export function listObservations(db: Db, indicatorId: string, filter: ObservationFilter) {
  let query = observations(db)
    .where('observation.indicator_id', '=', indicatorId)
    .orderBy('member_state.iso3')
    .orderBy('observation.year')
    .orderBy('observation.id');
  if (filter.status) query = query.where('observation.status', '=', filter.status);
  if (filter.stateIds) query = query.where('observation.member_state_id', 'in', filter.stateIds);
  if (filter.ids) query = query.where('observation.id', 'in', filter.ids);
  if (filter.from !== undefined) query = query.where('observation.year', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('observation.year', '<=', filter.to);
  return query.execute();
}

/** One state's published values of every indicator, by year. */
export function listStatePublished(db: Db, stateId: string) {
  return observations(db)
    .where('observation.member_state_id', '=', stateId)
    .where('observation.status', '=', 'published')
    .orderBy('observation.year')
    .execute();
}

export async function revisionsOf(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('observation_revision')
    .selectAll()
    .where('observation_id', 'in', ids)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function findPublished(db: Db, indicatorId: string, stateId: string, year: number) {
  return db
    .selectFrom('observation')
    .selectAll()
    .where('indicator_id', '=', indicatorId)
    .where('member_state_id', '=', stateId)
    .where('year', '=', year)
    .where('status', '=', 'published')
    .executeTakeFirst();
}

export function findObservation(db: Db, indicatorId: string, id: string) {
  return db
    .selectFrom('observation')
    .selectAll()
    .where('indicator_id', '=', indicatorId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertObservation(trx: Db, row: Insertable<ObservationTable>) {
  await trx.insertInto('observation').values(row).execute();
}

/** Many values at once, in statements of a few hundred rows (SQLite limits the parameters of one). */
export async function insertObservations(trx: Db, rows: Insertable<ObservationTable>[]) {
  for (let at = 0; at < rows.length; at += 500)
    await trx
      .insertInto('observation')
      .values(rows.slice(at, at + 500))
      .execute();
}

export async function deleteObservation(trx: Db, id: string) {
  await trx.deleteFrom('observation').where('id', '=', id).execute();
}

export async function insertRevision(
  trx: Db,
  row: {
    id: string;
    observation_id: string;
    value: number;
    source: string;
    notes: string | null;
    break_in_series: number;
    changed_by: string | null;
    reason: string;
    at: string;
  },
) {
  const { at, ...values } = row;
  await trx
    .insertInto('observation_revision')
    .values({ ...values, created_at: at, updated_at: at })
    .execute();
}

/** Pillar code → id, for all pillars. */
export async function pillarIds(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('pillar').select(['id', 'code']).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}
