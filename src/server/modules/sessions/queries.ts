import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The user's sessions still valid at `now`, newest first. */
export function liveSessions(db: Db, userId: string, now: string) {
  return db
    .selectFrom('session')
    .select(['id', 'created_at', 'updated_at', 'expires_at', 'ip', 'user_agent', 'second_factor_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where('idle_expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Revokes the user's live sessions, all or all but `except`; returns how many it revoked. */
export async function revokeSessions(
  db: Db,
  userId: string,
  now: string,
  only: { id: string } | { except: string | null },
): Promise<number> {
  let query = db
    .updateTable('session')
    .set({ revoked_at: now, updated_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where('idle_expires_at', '>', now);
  if ('id' in only) query = query.where('id', '=', only.id);
  else if (only.except !== null) query = query.where('id', '!=', only.except);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
