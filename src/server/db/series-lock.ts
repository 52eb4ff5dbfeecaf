import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Database } from './schema.js';

/**
 * Serialises, until the transaction ends, the allocation of the next number of a series (meeting
 * ordinals, document sequences): read the highest, add one, insert; and any other read-then-write
 * work that must not run twice at once (loading the reference data). SQLite transactions already run
 * one at a time (BEGIN IMMEDIATE); PostgreSQL's read-committed ones would all read the same highest
 * number, so there they queue on an advisory lock named after the series.
 */
export async function lockSeries(trx: Kysely<Database>, series: string): Promise<void> {
  // getExecutor() is marked internal, but it is the one way to ask a transaction which engine it is on.
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
  // Advisory locks belong to the database, not the schema: the schema in the key keeps two
  // platforms in one database (the test suite's schemas) from queueing on each other's series.
  await sql`select pg_advisory_xact_lock(hashtext(current_schema() || '.' || ${series}))`.execute(trx);
}
