import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Everything shown of a token; never its hash. */
const COLUMNS = ['id', 'user_id', 'name', 'scope', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'] as const;

/** How many tokens a list shows: plenty for a person, and a bound on the reply. */
export const TOKEN_LIST_LIMIT = 200;

export async function insertToken(db: Db, row: Insertable<Database['api_token']>) {
  await db.insertInto('api_token').values(row).execute();
}

export function listTokens(db: Db, userId: string) {
  return db
    .selectFrom('api_token')
    .select(COLUMNS)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(TOKEN_LIST_LIMIT)
    .execute();
}

export function findToken(db: Db, id: string) {
  return db.selectFrom('api_token').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function countLiveTokens(db: Db, userId: string, now: string): Promise<number> {
  const row = await db
    .selectFrom('api_token')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow();
  // PostgreSQL counts as a string.
  return Number(row.n);
}

/** Revokes every live token of the user; returns how many it revoked. */
export async function revokeLiveTokens(db: Db, userId: string, now: string): Promise<number> {
  const result = await db
    .updateTable('api_token')
    .set({ revoked_at: now, updated_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Revokes the token unless it already is; false when it was. */
export async function revokeToken(db: Db, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('api_token')
    .set({ revoked_at: now, updated_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
