import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/**
 * The content generation: a token in the database that every write changes. Each server process
 * reads it on every cacheable request (one primary-key read), so a write made through one process
 * is never answered from another's stale copy (http/reply-cache.ts).
 */
export function contentGeneration(db: Kysely<Database>) {
  const read = db.selectFrom('content_generation').select('token').where('id', '=', 1).compile();
  return {
    async current(): Promise<string> {
      const { rows } = await db.executeQuery(read);
      return rows[0]?.token ?? 'none';
    },
    change: () => changeContentGeneration(db),
  };
}
export type ContentGeneration = ReturnType<typeof contentGeneration>;

/** A random token rather than a counter: a restored backup must not bring back a value that some
 * process still keeps replies for. In a transaction, the change commits with the write. */
export async function changeContentGeneration(db: Kysely<Database> | Transaction<Database>): Promise<void> {
  await db.updateTable('content_generation').set({ token: randomUUID() }).where('id', '=', 1).execute();
}
