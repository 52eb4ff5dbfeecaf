import { type Kysely, sql } from 'kysely';

/**
 * The audit chain's head, kept apart from the entries: how many there are, the newest hash, and an
 * HMAC of both keyed by MISPA_SECRET_KEY. Deleting the newest entries leaves the head ahead of the
 * table, and moving the head back needs the key. The one row is written with the first entry.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the current schema type
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('entries', 'integer', (c) => c.notNull())
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('audit_head').execute();
}
