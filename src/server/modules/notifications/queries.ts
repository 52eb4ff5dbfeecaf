import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { after, type SortKey } from '../../http/pagination.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The user's notices, newest first (only unread ones when asked), older than `cursor` when given. */
export function listNotices(
  db: Db,
  userId: string,
  options: { limit: number; unreadOnly: boolean; cursor?: SortKey | undefined },
) {
  let query = db
    .selectFrom('notification')
    .select(['id', 'kind', 'meeting_id', 'params', 'path', 'created_at', 'read_at'])
    .where('user_id', '=', userId);
  if (options.unreadOnly) query = query.where('read_at', 'is', null);
  const { cursor } = options;
  if (cursor) query = query.where((eb) => after(eb, ['created_at', 'id'], cursor, 'desc'));
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findNotice(db: Db, userId: string, id: string) {
  return db
    .selectFrom('notification')
    .select(['id', 'read_at'])
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Marks the user's unread notices read (one, or all); returns how many. */
export async function markRead(db: Db, userId: string, at: string, id?: string): Promise<number> {
  let query = db
    .updateTable('notification')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (id !== undefined) query = query.where('id', '=', id);
  return Number((await query.executeTakeFirst()).numUpdatedRows);
}

export function preferencesOf(db: Db, userId: string) {
  return db.selectFrom('notification_preference').select(['kind', 'frequency']).where('user_id', '=', userId).execute();
}

export async function setPreference(
  db: Db,
  userId: string,
  kind: string,
  frequency: Database['notification_preference']['frequency'],
  at: string,
) {
  await db
    .insertInto('notification_preference')
    .values({ user_id: userId, kind, frequency, updated_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ frequency, updated_at: at }))
    .execute();
}
