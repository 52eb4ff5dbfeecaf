import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { revokeSessions } from '../sessions/index.js';
import { revokeLiveTokens } from '../tokens/index.js';

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
      'session.expires_at',
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
      'api_token.expires_at',
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
 * that changed it, if any), every live API token and every unused reset link, so whoever had taken
 * the account over loses it (a link asked for before would otherwise set yet another password).
 */
export async function endAccountAccess(db: Db, userId: string, now: string, keepSession: string | null) {
  await spendResetLinks(db, userId, now);
  const ended = await revokeSessions(db, userId, now, { except: keepSession });
  const tokensRevoked = await revokeLiveTokens(db, userId, now);
  return { ended, tokensRevoked };
}

/** Records when a token was last used. */
export async function touchToken(db: Db, tokenId: string, now: string) {
  await db.updateTable('api_token').set({ last_used_at: now }).where('id', '=', tokenId).execute();
}

/** Slides a session's idle expiry to `idleExpiresAt`. */
export async function slideSession(db: Db, sessionId: string, idleExpiresAt: string, now: string) {
  await db
    .updateTable('session')
    .set({ idle_expires_at: idleExpiresAt, updated_at: now })
    .where('id', '=', sessionId)
    .execute();
}

export async function insertSession(db: Db, row: Insertable<Database['session']>) {
  await db.insertInto('session').values(row).execute();
}

/** Ends one session (signing out). */
export async function revokeSession(db: Db, sessionId: string, now: string) {
  await db.updateTable('session').set({ revoked_at: now, updated_at: now }).where('id', '=', sessionId).execute();
}

/** Sets a user's password; only while `status` is as expected, when given. Answers whether it changed. */
export async function setPassword(
  db: Db,
  userId: string,
  passwordHash: string,
  now: string,
  options: { status?: 'active' | 'invited'; activate?: boolean } = {},
): Promise<boolean> {
  let query = db
    .updateTable('app_user')
    .set({ password_hash: passwordHash, updated_at: now, ...(options.activate ? { status: 'active' as const } : {}) })
    .where('id', '=', userId);
  if (options.status) query = query.where('status', '=', options.status);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Changes a user's display name and preferred language (the fields given). */
export async function updateProfile(
  db: Db,
  userId: string,
  fields: { displayName?: string | undefined; preferredLang?: string | undefined },
  now: string,
) {
  await db
    .updateTable('app_user')
    .set({
      ...(fields.displayName !== undefined ? { display_name: fields.displayName } : {}),
      ...(fields.preferredLang !== undefined ? { preferred_lang: fields.preferredLang } : {}),
      updated_at: now,
    })
    .where('id', '=', userId)
    .execute();
}

/** A password-reset link by the hash of its token, with its account. */
export function findReset(db: Db, tokenHash: string) {
  return db
    .selectFrom('password_reset')
    .innerJoin('app_user', 'app_user.id', 'password_reset.user_id')
    .select([
      'password_reset.id',
      'password_reset.expires_at',
      'password_reset.used_at',
      'app_user.id as user_id',
      'app_user.email',
      'app_user.status',
    ])
    .where('password_reset.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function insertReset(db: Db, row: Insertable<Database['password_reset']>) {
  await db.insertInto('password_reset').values(row).execute();
}

/** Uses up every reset link of the account still unused. */
export async function spendResetLinks(db: Db, userId: string, now: string) {
  await db
    .updateTable('password_reset')
    .set({ used_at: now, updated_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}

/** Ends the open invitations of a user (a new link replaces them). */
export async function expireInvitations(db: Db, userId: string, now: string) {
  await db
    .updateTable('invitation')
    .set({ expires_at: now, updated_at: now })
    .where('user_id', '=', userId)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
}

export async function insertInvitationRow(db: Db, row: Insertable<Database['invitation']>) {
  await db.insertInto('invitation').values(row).execute();
}

/** Ends the open first-administrator links (a new one replaces them). */
export async function expireSetupTokens(db: Db, now: string) {
  await db
    .updateTable('setup_token')
    .set({ expires_at: now, updated_at: now })
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
}

export async function insertSetupToken(db: Db, row: Insertable<Database['setup_token']>) {
  await db.insertInto('setup_token').values(row).execute();
}

/** Records the user a first-administrator link made. */
export async function setSetupTokenUser(db: Db, setupId: string, userId: string) {
  await db.updateTable('setup_token').set({ user_id: userId }).where('id', '=', setupId).execute();
}

/** An invitation by the hash of its token, with the invited account. */
export function findInvitation(db: Db, tokenHash: string) {
  return db
    .selectFrom('invitation')
    .innerJoin('app_user', 'app_user.id', 'invitation.user_id')
    .select([
      'invitation.id',
      'invitation.expires_at',
      'invitation.accepted_at',
      'app_user.id as user_id',
      'app_user.email',
      'app_user.display_name',
      'app_user.preferred_lang',
      'app_user.status',
    ])
    .where('invitation.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export function findSetupToken(db: Db, tokenHash: string) {
  return db.selectFrom('setup_token').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}
