import type { Kysely, Transaction } from 'kysely';
import type { Database, Row } from '../../db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export function findUserById(db: Db, id: string) {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('app_user').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

/** Every grant of the users (revoked ones too when asked), oldest first, with the slugs they bind. */
export function grantsOf(db: Db, userIds: readonly string[], options: { includeRevoked: boolean }) {
  if (userIds.length === 0) return Promise.resolve([]);
  let query = db
    .selectFrom('role_grant')
    .leftJoin('member_state', 'member_state.id', 'role_grant.member_state_id')
    .leftJoin('technical_group', 'technical_group.id', 'role_grant.technical_group_id')
    .leftJoin('partner', 'partner.id', 'role_grant.partner_id')
    .select([
      'role_grant.id',
      'role_grant.user_id',
      'role_grant.role',
      'role_grant.member_state_id',
      'role_grant.technical_group_id',
      'role_grant.partner_id',
      'role_grant.created_at',
      'role_grant.revoked_at',
      'member_state.slug as member_state_slug',
      'technical_group.slug as technical_group_slug',
      'partner.slug as partner_slug',
    ])
    .where('role_grant.user_id', 'in', userIds);
  if (!options.includeRevoked) query = query.where('role_grant.revoked_at', 'is', null);
  return query.orderBy('role_grant.created_at').orderBy('role_grant.id').execute();
}
export type GrantRow = Awaited<ReturnType<typeof grantsOf>>[number];

export interface UserFilter {
  role?: string | undefined;
  memberStateId?: string | undefined;
  status?: Row<'app_user'>['status'] | undefined;
  /** The e-mail of the last user of the previous page. */
  afterEmail?: string | undefined;
  limit: number;
}

/** Users in e-mail order, one more than `limit` so the caller knows whether a next page exists. */
export function listUsers(db: Db, filter: UserFilter) {
  let query = db.selectFrom('app_user').selectAll();
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.role !== undefined || filter.memberStateId !== undefined) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('role_grant')
          .select('role_grant.id')
          .whereRef('role_grant.user_id', '=', 'app_user.id')
          .where('role_grant.revoked_at', 'is', null)
          .$if(filter.role !== undefined, (q) => q.where('role_grant.role', '=', filter.role as string))
          .$if(filter.memberStateId !== undefined, (q) =>
            q.where('role_grant.member_state_id', '=', filter.memberStateId as string),
          ),
      ),
    );
  }
  if (filter.afterEmail !== undefined) query = query.where('email', '>', filter.afterEmail);
  return query
    .orderBy('email')
    .limit(filter.limit + 1)
    .execute();
}

/** The latest invitation of the user, if any. */
export function latestInvitation(db: Db, userId: string) {
  return db
    .selectFrom('invitation')
    .select(['id', 'expires_at', 'accepted_at', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Makes the account active again, with its demo flag and — when given — a new password hash. */
export async function reactivateUser(
  db: Db,
  id: string,
  values: { demo: 0 | 1; passwordHash: string | null },
  at: string,
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({
      status: 'active',
      demo: values.demo,
      updated_at: at,
      ...(values.passwordHash ? { password_hash: values.passwordHash } : {}),
    })
    .where('id', '=', id)
    .execute();
}
