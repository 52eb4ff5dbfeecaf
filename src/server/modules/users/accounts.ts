import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Grant, Role } from '../../../contract/accounts.js';
import type { Lang } from '../../../contract/common.js';
import type { NewGrant, UserDetail, UserGrant, UserSummary } from '../../../contract/users.js';
import { ROLE_BINDING } from '../../../domain/accounts.js';
import { idBySlug } from '../../db/queries.js';
import type { Database, Row } from '../../db/schema.js';
import { InvalidParameterError, NotFoundError } from '../../http/problems.js';
import { message } from '../../i18n/messages.js';
import type { Actor } from '../../policy/actor.js';
import { usersPolicy } from './policy.js';
import { findUserByEmail, findUserById, type GrantRow, grantsOf, latestInvitation, reactivateUser } from './queries.js';

/** What invitations, first-run setup, demo users and user administration share: turning grant
 * requests into rows, creating an account with its grants, and presenting accounts. */

type Db = Kysely<Database> | Transaction<Database>;

const TABLES = { memberState: 'member_state', technicalGroup: 'technical_group', partner: 'partner' } as const;
const ENTITY = {
  memberState: 'member-state',
  technicalGroup: 'technical-group',
  partner: 'partner-organisation',
} as const;

export interface ResolvedGrant {
  role: Role;
  member_state_id: string | null;
  technical_group_id: string | null;
  partner_id: string | null;
}

/**
 * The ids a grant request binds to. The contract already checked which binding each role needs;
 * here an unknown slug is a 400 naming `<prefix><field>` (e.g. `grants.0.memberState`).
 */
export async function resolveGrant(db: Db, grant: NewGrant, prefix: string, lang: Lang): Promise<ResolvedGrant> {
  const resolved: ResolvedGrant = {
    role: grant.role,
    member_state_id: null,
    technical_group_id: null,
    partner_id: null,
  };
  const binding = ROLE_BINDING[grant.role];
  if (binding === 'none') return resolved;
  const slug = grant[binding] as string;
  const id = await idBySlug(db, TABLES[binding], slug);
  if (id === null) {
    const what = message(lang, `entity.${ENTITY[binding]}`);
    throw new InvalidParameterError(`${prefix}${binding}`, 'body', message(lang, 'grant.unknown', { what, slug }));
  }
  resolved[`${TABLES[binding]}_id`] = id;
  return resolved;
}

/** Creates an account with its grants; the e-mail is stored lower-cased. Returns the user's id. */
export async function insertUserWithGrants(
  trx: Transaction<Database>,
  user: {
    email: string;
    displayName: string;
    preferredLang: Lang;
    status: Row<'app_user'>['status'];
    passwordHash: string | null;
    demo?: boolean;
  },
  grants: ResolvedGrant[],
  grantedBy: string | null,
  now: Date,
): Promise<string> {
  const at = now.toISOString();
  const id = uuidv7();
  await trx
    .insertInto('app_user')
    .values({
      id,
      email: user.email.toLowerCase(),
      display_name: user.displayName,
      preferred_lang: user.preferredLang,
      password_hash: user.passwordHash,
      status: user.status,
      totp_secret: null,
      totp_enabled_at: null,
      demo: user.demo ? 1 : 0,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await insertGrants(trx, id, grants, grantedBy, now);
  return id;
}

export async function insertGrants(
  trx: Transaction<Database>,
  userId: string,
  grants: ResolvedGrant[],
  grantedBy: string | null,
  now: Date,
): Promise<string[]> {
  if (grants.length === 0) return [];
  const at = now.toISOString();
  const rows = grants.map((g) => ({
    id: uuidv7(),
    user_id: userId,
    ...g,
    granted_by: grantedBy,
    revoked_at: null,
    created_at: at,
    updated_at: at,
  }));
  await trx.insertInto('role_grant').values(rows).execute();
  return rows.map((r) => r.id);
}

/** An account that start-up makes exist (demo mode's users): active, holding one grant. */
export interface WantedAccount {
  email: string;
  displayName: string;
  preferredLang: Lang;
  grant: ResolvedGrant;
  demo: boolean;
}

/**
 * In `trx`, makes the account exist, active, holding its grant and — when a hash is given — that
 * password; says whether it was created or updated, or null when it was so already.
 */
export async function ensureActiveAccount(
  trx: Transaction<Database>,
  account: WantedAccount,
  passwordHash: string | null,
  now: Date,
): Promise<'created' | 'updated' | null> {
  const existing = await findUserByEmail(trx, account.email);
  if (!existing) {
    await insertUserWithGrants(trx, { ...account, status: 'active', passwordHash }, [account.grant], null, now);
    return 'created';
  }
  const grants = await grantsOf(trx, [existing.id], { includeRevoked: false });
  const { grant } = account;
  const hasGrant = grants.some(
    (g) => g.role === grant.role && g.member_state_id === grant.member_state_id && g.partner_id === grant.partner_id,
  );
  const demo = account.demo ? 1 : 0;
  if (passwordHash === null && existing.status === 'active' && existing.demo === demo && hasGrant) return null;
  await reactivateUser(trx, existing.id, { demo, passwordHash }, now.toISOString());
  if (!hasGrant) await insertGrants(trx, existing.id, [grant], null, now);
  return 'updated';
}

export const toGrant = (g: GrantRow): Grant => ({
  id: g.id,
  role: g.role as Role,
  memberState: g.member_state_slug,
  technicalGroup: g.technical_group_slug,
  partner: g.partner_slug,
});

const toUserGrant = (g: GrantRow): UserGrant => ({ ...toGrant(g), grantedAt: g.created_at, revokedAt: g.revoked_at });

/** A grant as the audit trail records it: readable slugs, no internal ids besides its own. */
export const auditGrant = (g: Grant) => ({
  id: g.id,
  role: g.role,
  ...(g.memberState ? { memberState: g.memberState } : {}),
  ...(g.technicalGroup ? { technicalGroup: g.technicalGroup } : {}),
  ...(g.partner ? { partner: g.partner } : {}),
});

export function toSummary(user: Row<'app_user'>, grants: GrantRow[]): UserSummary {
  return {
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    preferredLang: user.preferred_lang as Lang,
    status: user.status,
    demo: user.demo === 1,
    twoFactorEnabled: user.totp_enabled_at !== null,
    createdAt: user.created_at,
    grants: grants.filter((g) => g.revoked_at === null).map(toGrant),
  };
}

/** The account with every grant and its latest invitation, as the administration screens show it. */
export async function userDetail(db: Db, userId: string, now: Date, actor: Actor): Promise<UserDetail> {
  const user = await findUserById(db, userId);
  if (!user) throw new NotFoundError('user', userId);
  const grants = await grantsOf(db, [userId], { includeRevoked: true });
  const invitation = await latestInvitation(db, userId);
  return {
    ...toSummary(user, grants),
    grants: grants.map(toUserGrant),
    invitation: invitation
      ? {
          state:
            invitation.accepted_at !== null
              ? 'used'
              : invitation.expires_at <= now.toISOString()
                ? 'expired'
                : 'pending',
          expiresAt: invitation.expires_at,
        }
      : null,
    can: {
      ...usersPolicy.abilities(actor, { manageGrants: 'users.manage-grants', resendInvitation: 'users.invite' }),
      deactivate: usersPolicy.can(actor, 'users.deactivate') && !(actor.kind === 'user' && actor.userId === userId),
    },
  };
}
