import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { revokeSessions } from '../sessions/queries.js';
import { revokeLiveTokens } from '../tokens/queries.js';

type Db = Kysely<Database> | Transaction<Database>;

export function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('app_user').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export function findUser(db: Db, id: string) {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The grants in force, with the slugs of what they are bound to. */
function grantsQuery(db: Db) {
  return db
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
      'member_state.slug as member_state_slug',
      'technical_group.slug as technical_group_slug',
      'partner.slug as partner_slug',
    ])
    .where('role_grant.revoked_at', 'is', null)
    .orderBy('role_grant.created_at');
}

export function activeGrants(db: Db, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return grantsQuery(db).where('role_grant.user_id', 'in', userIds).execute();
}

/** The active grants of the user a session belongs to, found by the session's id: asked at the same
 * time as the session itself, so identifying a caller waits for one round trip, not two. */
export function activeGrantsOfSession(db: Db, sessionId: string) {
  return grantsQuery(db)
    .where('role_grant.user_id', '=', (eb) =>
      eb.selectFrom('session').select('session.user_id').where('session.id', '=', sessionId),
    )
    .execute();
}

/** A session that is still valid at `now`, with its user, if the user is active. */
export function findLiveSession(db: Db, id: string, now: string) {
  return db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .select([
      'session.id as session_id',
      'session.second_factor_at',
      'session.idle_expires_at',
      'app_user.id',
      'app_user.email',
      'app_user.display_name',
      'app_user.preferred_lang',
      'app_user.demo',
      'app_user.totp_enabled_at',
    ])
    .where('session.id', '=', id)
    .where('session.revoked_at', 'is', null)
    .where('session.expires_at', '>', now)
    .where('session.idle_expires_at', '>', now)
    .where('app_user.status', '=', 'active')
    .executeTakeFirst();
}

export function findLiveToken(db: Db, tokenHash: string, now: string) {
  return db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .select([
      'api_token.id as token_id',
      'api_token.scope',
      'api_token.last_used_at',
      'app_user.id',
      'app_user.email',
      'app_user.display_name',
      'app_user.preferred_lang',
      'app_user.demo',
      'app_user.totp_enabled_at',
    ])
    .where('api_token.token_hash', '=', tokenHash)
    .where('api_token.revoked_at', 'is', null)
    .where('api_token.expires_at', '>', now)
    .where('app_user.status', '=', 'active')
    .executeTakeFirst();
}

/**
 * A new password ends whatever the old one opened: every live session but `keepSession` (the one
 * that changed it, if any) and every live API token, so whoever had taken the account over loses it.
 */
export async function endAccountAccess(db: Db, userId: string, now: string, keepSession: string | null) {
  const ended = await revokeSessions(db, userId, now, { except: keepSession });
  const tokensRevoked = await revokeLiveTokens(db, userId, now);
  return { ended, tokensRevoked };
}
