import { type Kysely, sql } from 'kysely';

/**
 * The content generation: one row whose token changes whenever something the public may read
 * changes, so every server process on the database knows when the replies it keeps are stale
 * (http/reply-cache.ts). And the audit trail searched by action, newest first, without a scan.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the current schema type
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('content_generation')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('token', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('content_generation').values({ id: 1, token: 'initial' }).execute();
  await db.schema.createIndex('audit_entry_action_idx').on('audit_entry').columns(['action', 'seq']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('audit_entry_action_idx').execute();
  await db.schema.dropTable('content_generation').execute();
}
