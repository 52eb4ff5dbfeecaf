import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

// Lookups every module may use, that belong to no one module.

type Db = Kysely<Database> | Transaction<Database>;

/** The id of the member state, technical group or partner with this slug, or null. */
export function idBySlug(db: Db, table: 'member_state' | 'technical_group' | 'partner', slug: string) {
  return db
    .selectFrom(table)
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirst()
    .then((row) => row?.id ?? null);
}
