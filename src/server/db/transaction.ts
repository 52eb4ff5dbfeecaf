import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/** Work to run once the outermost transaction has ended: committed, or rolled back. */
export interface TransactionEnd {
  onCommit(work: () => Promise<void>): void;
  onRollback(work: () => Promise<void>): void;
}

const ends = new WeakMap<Kysely<Database>, { commit: (() => Promise<void>)[]; rollback: (() => Promise<void>)[] }>();

/**
 * Runs `work` in a transaction, or inside the one `db` already is: a write that is one step of a
 * larger one (a brief's export adds a meeting document, its files and the brief's own change) then
 * commits or rolls back with all of it. What must wait for the end (deleting a replaced file's
 * bytes, removing a moved upload) goes through `end`, and runs once, after the outermost transaction.
 * Nested work must not catch a database error and go on: on PostgreSQL the whole transaction is
 * aborted by it.
 */
export async function transact<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>, end: TransactionEnd) => Promise<T>,
): Promise<T> {
  const joined = ends.get(db);
  if (db.isTransaction && joined) {
    return work(db as Transaction<Database>, {
      onCommit: (then) => joined.commit.push(then),
      onRollback: (then) => joined.rollback.push(then),
    });
  }
  const own = { commit: [] as (() => Promise<void>)[], rollback: [] as (() => Promise<void>)[] };
  const end: TransactionEnd = {
    onCommit: (then) => own.commit.push(then),
    onRollback: (then) => own.rollback.push(then),
  };
  let result: T;
  try {
    result = await db.transaction().execute((trx) => {
      ends.set(trx, own);
      return work(trx, end);
    });
  } catch (error) {
    for (const then of own.rollback) await then();
    throw error;
  }
  for (const then of own.commit) await then();
  return result;
}
