import type { Kysely, Transaction, Updateable } from 'kysely';
import type { Database } from '../../db/schema.js';

/**
 * Optimistic concurrency, one way for every module: a write names what it read (a version number,
 * or the updatedAt timestamp where the record has no version), the row is changed only if it is
 * still so, and a write that finds it changed becomes a 409 carrying the record as it is now.
 */

type Db = Kysely<Database> | Transaction<Database>;

/** What a writer read: the row's version, or its updatedAt where the record keeps no version. */
export type Seen = { version: number } | { updatedAt: string };

/** A row changed between the check and the write: thrown inside a transaction to roll it back. */
export class LostRace extends Error {}

/** PostgreSQL gave up on the transaction because of a concurrent one (deadlock, serialization):
 * for the caller it is the same as losing the race. */
export const isTransactionConflict = (error: unknown) =>
  ['40P01', '40001'].includes(String((error as { code?: unknown } | null)?.code));

/** Did the write lose to a concurrent one? */
export const isLostRace = (error: unknown) => error instanceof LostRace || isTransactionConflict(error);

/** The newest of `now` and one millisecond after `previous`: timestamps used as versions must grow. */
export function laterThan(previous: string | null, now: Date): string {
  const at = now.toISOString();
  if (previous === null || at > previous) return at;
  return new Date(Date.parse(previous) + 1).toISOString();
}

// biome-ignore lint/suspicious/noExplicitAny: one guarded write serves every table with an id
const anyTable = (db: Db) => db as unknown as Kysely<any>;

/**
 * Applies `patch` to row `id` only if it is still as `seen` (and, for each column of `only`, has
 * that value or one of those values); a version is bumped with the write. False when someone
 * changed the row first, so nothing was written.
 */
export async function updateUnchanged<T extends keyof Database & string>(
  db: Db,
  table: T,
  id: string,
  seen: Seen,
  patch: Updateable<Database[T]>,
  only: Record<string, string | readonly string[]> = {},
): Promise<boolean> {
  const [column, value] = guard(seen);
  let query = anyTable(db)
    .updateTable(table as string)
    .set('version' in seen ? { ...patch, version: seen.version + 1 } : { ...patch })
    .where('id', '=', id)
    .where(column, '=', value);
  for (const [name, wanted] of Object.entries(only))
    query = typeof wanted === 'string' ? query.where(name, '=', wanted) : query.where(name, 'in', wanted);
  const result = await query.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Deletes row `id` only if it is still as `seen`; false when someone changed it first. */
export async function deleteUnchanged(db: Db, table: keyof Database & string, id: string, seen: Seen) {
  const [column, value] = guard(seen);
  const result = await anyTable(db).deleteFrom(table).where('id', '=', id).where(column, '=', value).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The column and value that say the row is still as it was read. */
const guard = (seen: Seen): [string, string | number] =>
  'version' in seen ? ['version', seen.version] : ['updated_at', seen.updatedAt];
