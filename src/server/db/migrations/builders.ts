import type { CreateTableBuilder, Kysely } from 'kysely';

/**
 * Table-building helpers shared by the migrations. They only spell out column conventions (text ids,
 * ISO timestamps) that never change; anything that could change with the schema stays in the
 * migration that wrote it.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the current schema type
export type Db = Kysely<any>;

export function withTimestamps<T extends string>(table: CreateTableBuilder<T>) {
  return table.addColumn('created_at', 'text', (c) => c.notNull()).addColumn('updated_at', 'text', (c) => c.notNull());
}

export function entity(db: Db, name: string) {
  return db.schema.createTable(name).addColumn('id', 'text', (c) => c.primaryKey());
}
