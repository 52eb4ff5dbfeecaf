import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../../../contract/accounts.js';
import type { Lang } from '../../../contract/common.js';
import { idBySlug } from '../../db/queries.js';
import type { Database } from '../../db/schema.js';
import { PUBLIC, type RequestContext } from '../../policy/actor.js';
import { FIRST_ADMINISTRATOR_ROLE } from '../../policy/permissions.js';
import { pruneRateLimits } from '../../security/rate-limit.js';
import { hashPassword, verifyPassword } from '../../security/secrets.js';
import { recordAudit } from '../audit/chain.js';
import { issueSetupLink } from '../auth/invitations-service.js';
import { INVITATION_DAYS } from '../auth/links.js';
import { findPartner, insertPartner } from '../partners/queries.js';
import { insertGrants, insertUserWithGrants, type ResolvedGrant } from './accounts.js';
import { findUserByEmail, grantsOf } from './queries.js';

/**
 * What `npm start` does for accounts before serving: in demo mode, loads the demo users; when no
 * active secretariat administrator exists, issues the one-time link that creates the first one.
 * Returns the lines to print.
 */

interface DemoUser {
  email: string;
  displayName: string;
  preferredLang: Lang;
  role: Role;
  memberState?: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    email: 'secretariat@demo.invalid',
    displayName: 'Demo Secretariat',
    preferredLang: 'en',
    role: 'secretariat-admin',
  },
  {
    email: 'focal.ec@demo.invalid',
    displayName: 'Demo Focal Point, Ecuador',
    preferredLang: 'es',
    role: 'focal-point',
    memberState: 'ec',
  },
  {
    email: 'focal.mx@demo.invalid',
    displayName: 'Demo Focal Point, Mexico',
    preferredLang: 'es',
    role: 'focal-point',
    memberState: 'mx',
  },
  {
    email: 'delegate.co@demo.invalid',
    displayName: 'Demo Delegate, Colombia',
    preferredLang: 'es',
    role: 'delegate',
    memberState: 'co',
  },
];
export const DEMO_PARTNER_EMAIL = 'partner@demo.invalid';
/** The organisation the demo partner user is bound to: clearly fictitious, kept on the platform. */
export const DEMO_PARTNER_SLUG = 'demo-partner-organisation';
const DEMO_PARTNER_NAMES = {
  en: 'Demo Partner Organisation',
  es: 'Organización Asociada de Demostración',
  fr: 'Organisation partenaire de démonstration',
  pt: 'Organização Parceira de Demonstração',
};

/** The demo partner organisation's id, creating it (a platform partner) when it does not exist. */
async function ensureDemoPartner(trx: Transaction<Database>, at: string): Promise<{ id: string; created: boolean }> {
  const existing = await findPartner(trx, DEMO_PARTNER_SLUG);
  if (existing) return { id: existing.id, created: false };
  const id = await insertPartner(
    trx,
    DEMO_PARTNER_SLUG,
    { kind: 'civil-society', website: null, names: DEMO_PARTNER_NAMES, pillarIds: [] },
    at,
  );
  return { id, created: true };
}

export interface DemoLoad {
  created: string[];
  updated: string[];
  /** Demo users not loaded, with why. */
  skipped: Array<{ email: string; reason: string }>;
}

const startupContext = (): RequestContext => ({
  actor: PUBLIC,
  requestId: `startup-${uuidv7()}`,
  ip: null,
  lang: 'en',
});

/**
 * Makes the demo users exist, active, with `password` and their grant; a second run changes only
 * what differs (a new random password, a revoked grant). The partner demo user is bound to a
 * fictitious demo partner organisation, created here when missing.
 */
export async function loadDemoUsers(db: Kysely<Database>, password: string, clock: () => Date): Promise<DemoLoad> {
  const result: DemoLoad = { created: [], updated: [], skipped: [] };
  const wanted: Array<DemoUser & { grant: ResolvedGrant }> = [];
  for (const user of DEMO_USERS) {
    const memberStateId = user.memberState ? await idBySlug(db, 'member_state', user.memberState) : null;
    if (user.memberState && !memberStateId) {
      result.skipped.push({
        email: user.email,
        reason: `the reference data has no member state "${user.memberState}"`,
      });
      continue;
    }
    wanted.push({
      ...user,
      grant: { role: user.role, member_state_id: memberStateId, technical_group_id: null, partner_id: null },
    });
  }
  // Bound inside the transaction, once the demo partner organisation surely exists.
  const partnerUser: DemoUser & { grant: ResolvedGrant } = {
    email: DEMO_PARTNER_EMAIL,
    displayName: 'Demo Partner',
    preferredLang: 'en',
    role: 'partner',
    grant: { role: 'partner', member_state_id: null, technical_group_id: null, partner_id: null },
  };
  wanted.push(partnerUser);

  // Hashed outside the transaction (scrypt is slow), each with its own salt.
  const plans = await Promise.all(
    wanted.map(async (user) => {
      const existing = await findUserByEmail(db, user.email);
      const passwordOk = existing?.password_hash != null && (await verifyPassword(password, existing.password_hash));
      return { user, existing, passwordHash: passwordOk ? null : await hashPassword(password) };
    }),
  );
  const now = clock();
  const at = now.toISOString();
  let partnerCreated = false;
  await db.transaction().execute(async (trx) => {
    const demoPartner = await ensureDemoPartner(trx, at);
    partnerCreated = demoPartner.created;
    partnerUser.grant.partner_id = demoPartner.id;
    for (const { user, existing, passwordHash } of plans) {
      if (!existing) {
        await insertUserWithGrants(
          trx,
          { ...user, status: 'active', passwordHash, demo: true },
          [user.grant],
          null,
          now,
        );
        result.created.push(user.email);
        continue;
      }
      const grants = await grantsOf(trx, [existing.id], { includeRevoked: false });
      const hasGrant = grants.some(
        (g) =>
          g.role === user.grant.role &&
          g.member_state_id === user.grant.member_state_id &&
          g.partner_id === user.grant.partner_id,
      );
      const stale = passwordHash !== null || existing.status !== 'active' || existing.demo !== 1 || !hasGrant;
      if (!stale) continue;
      await trx
        .updateTable('app_user')
        .set({
          status: 'active',
          demo: 1,
          updated_at: at,
          ...(passwordHash ? { password_hash: passwordHash } : {}),
        })
        .where('id', '=', existing.id)
        .execute();
      if (!hasGrant) await insertGrants(trx, existing.id, [user.grant], null, now);
      result.updated.push(user.email);
    }
    if (result.created.length + result.updated.length > 0 || partnerCreated) {
      await recordAudit(
        trx,
        startupContext(),
        {
          action: 'users.demo-load',
          role: null,
          entityType: 'user',
          entityId: 'demo',
          before: null,
          after: {
            created: result.created,
            updated: result.updated,
            ...(partnerCreated ? { partnerCreated: DEMO_PARTNER_SLUG } : {}),
          },
        },
        now,
      );
    }
  });
  return result;
}

/** Whether an active account holds an administrator's grant in force. */
export async function hasActiveAdministrator(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('role_grant')
    .innerJoin('app_user', 'app_user.id', 'role_grant.user_id')
    .select('role_grant.id')
    .where('role_grant.role', '=', FIRST_ADMINISTRATOR_ROLE)
    .where('role_grant.revoked_at', 'is', null)
    .where('app_user.status', '=', 'active')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** A password for the demo users when MISPA_DEMO_PASSWORD is not set: 16 random characters. */
export const randomDemoPassword = () => randomBytes(12).toString('base64url');

export async function prepareAccounts(deps: {
  db: Kysely<Database>;
  clock: () => Date;
  publicUrl: string;
  demo: { enabled: boolean; password: string | null };
}): Promise<string[]> {
  const lines: string[] = [];
  await pruneRateLimits(deps.db, deps.clock());
  if (deps.demo.enabled) {
    const password = deps.demo.password ?? randomDemoPassword();
    const loaded = await loadDemoUsers(deps.db, password, deps.clock);
    const users = [...DEMO_USERS.map((u) => u.email), DEMO_PARTNER_EMAIL].filter(
      (email) => !loaded.skipped.some((s) => s.email === email),
    );
    lines.push(
      `Demo mode: sign in as ${users.join(', ')} with ${
        deps.demo.password ? 'the password in MISPA_DEMO_PASSWORD' : `the password ${password}`
      } (two-factor authentication is not required of demo users).`,
    );
    for (const { email, reason } of loaded.skipped) lines.push(`Demo mode: ${email} was not created: ${reason}.`);
  }
  if (!(await hasActiveAdministrator(deps.db))) {
    const link = await issueSetupLink(deps, startupContext());
    lines.push(
      `No secretariat administrator yet. Create the first one with this one-time link (valid ${INVITATION_DAYS} days; a new start replaces it): ${link}`,
      '  or from a shell: npm run user:create -- --email you@example.org --role secretariat-admin',
    );
  }
  return lines;
}
