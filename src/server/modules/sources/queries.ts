import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { after, type SortKey } from '../../http/pagination.js';

type Db = Kysely<Database>;

/** Each record type with the column that names it in URLs. */
const SLUG_COLUMNS = {
  pillar: 'code',
  objective: 'code',
  member_state: 'slug',
  meeting: 'slug',
  document: 'slug',
  technical_group: 'slug',
  network: 'slug',
  team_member: 'slug',
  partner: 'slug',
} as const;

/** Records that are part of another (a group's chair, a document's footnote): their sources are
 * listed with the record they belong to, as its sources of `field`. */
export const PARTS = {
  technical_group_chair: { of: 'technical_group', column: 'technical_group_id', field: 'chairs' },
  document_footnote: { of: 'document', column: 'document_id', field: 'footnotes' },
} as const;

/** Every source with the slug of the record it supports, grouped by record type. */
export function listSources(db: Db, limit: number, cursor?: SortKey) {
  let query = db
    .selectFrom('source')
    .select([
      'source.id',
      'source.entity_type',
      'source.field',
      'source.url',
      'source.title',
      'source.publisher',
      'source.note',
    ])
    .select(() => [
      sql<string>`coalesce(${sql.join([
        ...Object.entries(SLUG_COLUMNS).map(
          ([table, column]) =>
            sql`(select ${sql.ref(`${table}.${column}`)} from ${sql.table(table)} where ${sql.ref(`${table}.id`)} = source.entity_id and source.entity_type = ${table})`,
        ),
        ...Object.entries(PARTS).map(
          ([part, { of, column }]) =>
            sql`(select ${sql.ref(`${of}.slug`)} from ${sql.table(part)} join ${sql.table(of)} on ${sql.ref(`${of}.id`)} = ${sql.ref(`${part}.${column}`)} where ${sql.ref(`${part}.id`)} = source.entity_id and source.entity_type = ${part})`,
        ),
      ])})`.as('entity_slug'),
    ])
    .orderBy('source.entity_type')
    .orderBy('source.id')
    .limit(limit + 1);
  if (cursor) query = query.where((eb) => after(eb, ['source.entity_type', 'source.id'], cursor));
  return query.execute();
}
