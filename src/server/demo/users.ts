import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role } from '../../contract/accounts.js';
import type { Lang } from '../../contract/common.js';
import { idBySlug } from '../db/queries.js';
import type { Database } from '../db/schema.js';
import { recordAudit } from '../modules/audit/index.js';
import { ensurePlatformPartner } from '../modules/partners/index.js';
import { ensureActiveAccount, findUserByEmail, type ResolvedGrant } from '../modules/users/index.js';
import { startupContext } from '../policy/actor.js';
import { hashPassword, verifyPassword } from '../security/secrets.js';

/** Demo mode's users: the secretariat, two focal points, a delegate and a partner, all fictitious. */

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

export interface DemoLoad {
  created: string[];
  updated: string[];
  /** Demo users not loaded, with why. */
  skipped: Array<{ email: string; reason: string }>;
}

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
      return { user, passwordHash: passwordOk ? null : await hashPassword(password) };
    }),
  );
  const now = clock();
  const at = now.toISOString();
  let partnerCreated = false;
  await db.transaction().execute(async (trx) => {
    const demoPartner = await ensurePlatformPartner(trx, DEMO_PARTNER_SLUG, DEMO_PARTNER_NAMES, at);
    partnerCreated = demoPartner.created;
    partnerUser.grant.partner_id = demoPartner.id;
    for (const { user, passwordHash } of plans) {
      const done = await ensureActiveAccount(trx, { ...user, demo: true }, passwordHash, now);
      if (done) result[done].push(user.email);
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

/** A password for the demo users when MISPA_DEMO_PASSWORD is not set: 16 random characters. */
export const randomDemoPassword = () => randomBytes(12).toString('base64url');

/** Loads the demo users with `password` (a random one when null); returns the lines `npm start` prints. */
export async function prepareDemoUsers(deps: {
  db: Kysely<Database>;
  clock: () => Date;
  password: string | null;
}): Promise<string[]> {
  const lines: string[] = [];
  const password = deps.password ?? randomDemoPassword();
  const loaded = await loadDemoUsers(deps.db, password, deps.clock);
  const users = [...DEMO_USERS.map((u) => u.email), DEMO_PARTNER_EMAIL].filter(
    (email) => !loaded.skipped.some((s) => s.email === email),
  );
  lines.push(
    `Demo mode: sign in as ${users.join(', ')} with ${
      deps.password ? 'the password in MISPA_DEMO_PASSWORD' : `the password ${password}`
    } (two-factor authentication is not required of demo users).`,
  );
  for (const { email, reason } of loaded.skipped) lines.push(`Demo mode: ${email} was not created: ${reason}.`);
  return lines;
}
