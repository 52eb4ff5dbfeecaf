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

/** Every source with the slug of the record it supports, grouped by record type. */
export function listSources(db: Db, limit: number, cursor?: SortKey) {
  let query = db
    .selectFrom('source')
    .select(['source.id', 'source.entity_type', 'source.field', 'source.url', 'source.note'])
    .select(() => [
      sql<string>`coalesce(${sql.join(
        Object.entries(SLUG_COLUMNS).map(
          ([table, column]) =>
            sql`(select ${sql.ref(`${table}.${column}`)} from ${sql.table(table)} where ${sql.ref(`${table}.id`)} = source.entity_id and source.entity_type = ${table})`,
        ),
      )})`.as('entity_slug'),
    ])
    .orderBy('source.entity_type')
    .orderBy('source.id')
    .limit(limit + 1);
  if (cursor) query = query.where((eb) => after(eb, ['source.entity_type', 'source.id'], cursor));
  return query.execute();
}
