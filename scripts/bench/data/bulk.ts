import { CompiledQuery, type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Database } from '../../../src/server/db/schema.js';

/** A column of a bulk load and the PostgreSQL type its array is cast to. */
export type BulkColumn = readonly [name: string, pgType: 'text' | 'integer' | 'double precision'];

/** SQLite binds at most 32,766 values per statement: stay under it. */
const SQLITE_VALUES_PER_STATEMENT = 30_000;
/** PostgreSQL rows per statement: each column is one array parameter, so the row count is free. */
const PG_ROWS_PER_STATEMENT = 10_000;

export const isPostgres = (db: Kysely<Database>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * SQLite keeps 2 MB of pages in memory by default: loading millions of rows into a table with four
 * indexes then reads most index pages back from the file for every batch. A bulk load sets a larger
 * cache on its own connection (the server's connections keep the default).
 */
export async function bulkLoadCache(db: Kysely<Database>, megabytes: number): Promise<void> {
  if (!isPostgres(db)) await sql.raw(`pragma cache_size = -${megabytes * 1024}`).execute(db);
}

/**
 * Runs `load` with the table's plain indexes set aside and builds them again afterwards, from their
 * own definitions as the database reports them: one sorted build is far cheaper than keeping five
 * B-trees in order through millions of inserts. The primary key and the unique constraints stay
 * in place throughout, so every row is still checked as it goes in.
 */
export async function withoutPlainIndexes(db: Kysely<Database>, table: keyof Database, load: () => Promise<void>) {
  const definitions = isPostgres(db)
    ? (
        await sql<{ name: string; definition: string }>`select indexname as name, indexdef as definition from pg_indexes
          where schemaname = current_schema() and tablename = ${table}
          and indexname not in (select conname from pg_constraint)`.execute(db)
      ).rows
    : (
        await sql<{ name: string; definition: string }>`select name, sql as definition from sqlite_master
          where type = 'index' and tbl_name = ${table} and sql is not null`.execute(db)
      ).rows;
  for (const { name } of definitions) await sql`drop index ${sql.id(name)}`.execute(db);
  try {
    await load();
  } finally {
    for (const { definition } of definitions) await sql.raw(definition).execute(db);
  }
}

/**
 * Inserts rows given as arrays of values (in `columns` order) inside one transaction, for the tables
 * of millions of rows, where building a Kysely query per batch costs more than the database's work:
 * on SQLite one prepared multi-row INSERT reused for every full batch (the connection caches
 * statements by their text); on PostgreSQL `INSERT … SELECT FROM unnest($1::text[], …)`, one
 * array per column, so a statement carries ten thousand rows in a few parameters. Every constraint
 * and index is kept, as with any other insert.
 */
export async function bulkInsert(
  db: Kysely<Database>,
  table: keyof Database,
  columns: readonly BulkColumn[],
  rows: readonly unknown[][],
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map(([name]) => `"${name}"`).join(', ');
  const postgres = isPostgres(db);
  await db.transaction().execute(async (trx) => {
    if (postgres) {
      const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
      const text = `insert into "${table}" (${names}) select * from unnest(${arrays})`;
      for (let start = 0; start < rows.length; start += PG_ROWS_PER_STATEMENT) {
        const slice = rows.slice(start, start + PG_ROWS_PER_STATEMENT);
        const parameters = columns.map((_, c) => slice.map((row) => row[c]));
        await trx.executeQuery(CompiledQuery.raw(text, parameters));
      }
      return;
    }
    const perStatement = Math.max(1, Math.floor(SQLITE_VALUES_PER_STATEMENT / columns.length));
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const statement = (n: number) => `insert into "${table}" (${names}) values ${Array(n).fill(tuple).join(', ')}`;
    const full = statement(perStatement);
    for (let start = 0; start < rows.length; start += perStatement) {
      const slice = rows.slice(start, start + perStatement);
      await trx.executeQuery(
        CompiledQuery.raw(slice.length === perStatement ? full : statement(slice.length), slice.flat()),
      );
    }
  });
}
