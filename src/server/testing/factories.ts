import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../../contract/accounts.js';
import type { PARTNER_KINDS } from '../../domain/partners.js';
import type { Database, MeetingStatus } from '../db/schema.js';
import { insertPartner } from '../modules/partners/queries.js';
import { hashPassword, hashSecret, newSecret } from '../security/secrets.js';

/** Factories make a fresh world per test, so tests share a database without seeing each other. */

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

export interface BuiltUser {
  id: string;
  email: string;
  password: string;
}

/** An active user with one grant; `memberState`, `technicalGroup` and `partner` are slugs. */
export async function buildUser(
  db: Kysely<Database>,
  options: {
    role?: Role;
    memberState?: string;
    technicalGroup?: string;
    partner?: string;
    status?: 'invited' | 'active' | 'deactivated';
    demo?: boolean;
    totpSecret?: string;
  } = {},
): Promise<BuiltUser> {
  const now = new Date().toISOString();
  const id = uuidv7();
  const email = `user-${randomBytes(6).toString('hex')}@example.test`;
  // One scrypt hash for every user a test run builds: hashing is deliberately slow.
  passwordHash ??= hashPassword(TEST_PASSWORD);
  await db
    .insertInto('app_user')
    .values({
      id,
      email,
      display_name: `Test ${options.role ?? 'user'}`,
      preferred_lang: 'en',
      password_hash: await passwordHash,
      status: options.status ?? 'active',
      totp_secret: options.totpSecret ?? null,
      totp_enabled_at: options.totpSecret ? now : null,
      demo: options.demo ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  if (options.role) {
    const idOf = async (table: 'member_state' | 'technical_group' | 'partner', slug?: string) =>
      slug ? (await db.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id : null;
    await db
      .insertInto('role_grant')
      .values({
        id: uuidv7(),
        user_id: id,
        role: options.role,
        member_state_id: await idOf('member_state', options.memberState),
        technical_group_id: await idOf('technical_group', options.technicalGroup),
        partner_id: await idOf('partner', options.partner),
        granted_by: null,
        revoked_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  return { id, email, password: TEST_PASSWORD };
}

/**
 * A live session of `userId`, written straight to the database (no sign-in, so no rate limit and
 * no second-factor dance): returns the Cookie header that carries it. `secondFactor` says whether
 * the session has passed two-factor authentication.
 */
export async function buildSession(
  db: Kysely<Database>,
  userId: string,
  options: { secondFactor?: boolean } = {},
): Promise<string> {
  const secret = newSecret();
  const now = new Date();
  const later = (hours: number) => new Date(now.getTime() + hours * 3_600_000).toISOString();
  await db
    .insertInto('session')
    .values({
      id: hashSecret(secret),
      user_id: userId,
      expires_at: later(12),
      idle_expires_at: later(2),
      second_factor_at: options.secondFactor === false ? null : now.toISOString(),
      revoked_at: null,
      ip: null,
      user_agent: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .execute();
  return `mispa_session=${secret}`;
}

/** A live API token of `userId` with `scope`: returns the Authorization header value. */
export async function buildApiToken(db: Kysely<Database>, userId: string, scope: 'read' | 'write'): Promise<string> {
  const secret = newSecret('mispa_');
  const now = new Date().toISOString();
  await db
    .insertInto('api_token')
    .values({
      id: uuidv7(),
      user_id: userId,
      name: `test ${scope} token`,
      token_hash: hashSecret(secret),
      scope,
      expires_at: new Date(Date.now() + 86_400_000).toISOString(),
      revoked_at: null,
      last_used_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return `Bearer ${secret}`;
}

export interface BuiltMeeting {
  id: string;
  slug: string;
}

let meetingOrdinal = 1000;

/**
 * A meeting run on the platform, in the given status, with an English name; it starts in a month
 * (UTC instants, venue in America/Santo_Domingo) unless told otherwise. Ordinals are far above the
 * historic meetings' so the factory never collides with reference data.
 */
export async function buildMeeting(
  db: Kysely<Database>,
  options: {
    status?: MeetingStatus;
    kind?: 'ministerial' | 'preparatory' | 'technical-group';
    startsAt?: string;
    registrationDeadline?: string | null;
  } = {},
): Promise<BuiltMeeting> {
  const now = new Date().toISOString();
  const id = uuidv7();
  const ordinal = meetingOrdinal++ * 1000 + Math.floor(Math.random() * 1000);
  const slug = `meeting-${randomBytes(5).toString('hex')}`;
  const startsAt = options.startsAt ?? new Date(Date.now() + 30 * 86_400_000).toISOString();
  const endsAt = new Date(Date.parse(startsAt) + 2 * 86_400_000).toISOString();
  await db
    .insertInto('meeting')
    .values({
      id,
      slug,
      number: options.kind && options.kind !== 'ministerial' ? '' : 'T',
      ordinal,
      managed_by: 'platform',
      kind: options.kind ?? 'ministerial',
      status: options.status ?? 'registration-open',
      format: 'in-person',
      city: 'Santo Domingo',
      venue: 'Test venue',
      time_zone: 'America/Santo_Domingo',
      starts_at: startsAt,
      ends_at: endsAt,
      start_date: startsAt.slice(0, 10),
      end_date: endsAt.slice(0, 10),
      registration_deadline:
        options.registrationDeadline === undefined
          ? new Date(Date.parse(startsAt) - 7 * 86_400_000).toISOString()
          : options.registrationDeadline,
      working_langs: JSON.stringify(['es', 'en']),
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('translation')
    .values({
      entity_type: 'meeting',
      entity_id: id,
      field: 'name',
      lang: 'en',
      text: `Test meeting ${slug}`,
      official: 1,
      source: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, slug };
}

/**
 * A partner organisation with an English name, made as the secretariat would (platform-managed)
 * or, with `managedBy: 'reference'`, as the reference files would load it (read-only).
 */
export async function buildPartner(
  db: Kysely<Database>,
  options: {
    name?: string;
    kind?: (typeof PARTNER_KINDS)[number];
    managedBy?: 'platform' | 'reference';
    pillarIds?: string[];
  } = {},
): Promise<{ id: string; slug: string }> {
  const slug = `partner-${randomBytes(5).toString('hex')}`;
  const at = new Date().toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const values = {
      kind: options.kind ?? 'international-organisation',
      website: null,
      names: { en: options.name ?? 'Partner organisation' },
      pillarIds: options.pillarIds ?? [],
    };
    const id = await insertPartner(trx, slug, values, at);
    if (options.managedBy === 'reference')
      await trx.updateTable('partner').set({ managed_by: 'reference' }).where('id', '=', id).execute();
    return id;
  });
  return { id, slug };
}

/** A state's delegation (a member state's slug) or a partner's observers (`{ partnerId }`) at a
 * meeting, put there directly in `status` (no participants): a test sets a world no request could
 * reach at once (e.g. accredited at a concluded meeting). */
export async function buildDelegation(
  db: Kysely<Database>,
  meetingId: string,
  of: string | { partnerId: string },
  status: 'draft' | 'submitted' | 'accredited',
): Promise<string> {
  const at = new Date().toISOString();
  const id = uuidv7();
  await db
    .insertInto('delegation')
    .values({
      id,
      meeting_id: meetingId,
      category: typeof of === 'string' ? 'delegation' : 'observer',
      member_state_id:
        typeof of === 'string' ? db.selectFrom('member_state').select('id').where('slug', '=', of) : null,
      partner_id: typeof of === 'string' ? null : of.partnerId,
      organisation: null,
      status,
      return_reason: null,
      credentials_file_id: null,
      submitted_at: status === 'draft' ? null : at,
      decided_at: null,
      decided_by: null,
      created_by: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}
