import type {} from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Me, Role, SignIn } from '../../../contract/accounts.js';
import type { Lang } from '../../../contract/common.js';
import type { Database } from '../../db/schema.js';
import { bearerCredential } from '../../http/csrf.js';
import { ProblemError } from '../../http/problems.js';
import { type Actor, type ActorGrant, PUBLIC, type RequestContext } from '../../policy/actor.js';
import { ROLES_REQUIRING_SECOND_FACTOR } from '../../policy/permissions.js';
import { needsSecondFactor } from '../../policy/policy.js';
import { deviceCookies } from '../../security/device-cookie.js';
import { refund } from '../../security/rate-limit.js';
import {
  API_TOKEN_PREFIX,
  DUMMY_PASSWORD_HASH,
  hashSecret,
  newSecret,
  SESSION_COOKIE,
  verifyPassword,
} from '../../security/secrets.js';
import { admitPasswordAttempt } from '../../security/sign-in-throttle.js';
import { recordAudit } from '../audit/index.js';
import { accountPolicy } from './policy.js';
import {
  activeGrants,
  activeGrantsOfSession,
  findLiveSession,
  findLiveToken,
  findUserByEmail,
  insertSession,
  revokeSession,
  slideSession,
  touchToken,
} from './queries.js';
import type { SessionMemory } from './session-memory.js';

export interface SessionPolicy {
  /** A session unused this long ends. */
  idleMinutes: number;
  /** A session ends this long after sign-in, used or not. */
  maxHours: number;
}
export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 120, maxHours: 12 };

const minutes = (n: number) => n * 60_000;

/** Grant rows as policies read them. */
export function toActorGrants(rows: Awaited<ReturnType<typeof activeGrants>>): ActorGrant[] {
  return rows.map((g) => ({
    id: g.id,
    role: g.role as Role,
    memberStateId: g.member_state_id,
    technicalGroupId: g.technical_group_id,
    partnerId: g.partner_id,
  }));
}

/** The grants in force of a user, as policies read them (demo mode acts as its users at start). */
export async function actorGrantsOf(db: Kysely<Database>, userId: string): Promise<ActorGrant[]> {
  return toActorGrants(await activeGrants(db, [userId]));
}

export function authService(deps: {
  db: Kysely<Database>;
  clock: () => Date;
  sessions?: SessionPolicy;
  /** Signs the known-device cookies (MISPA_SECRET_KEY). */
  secretKey?: string | undefined;
  /** Remembers who a session belongs to between requests (session-memory.ts); without it, every
   * request reads the session and its grants. */
  memory?: SessionMemory;
}) {
  const { db, clock } = deps;
  const policy = deps.sessions ?? DEFAULT_SESSION_POLICY;
  const devices = deviceCookies(deps.secretKey);

  /**
   * The caller of a request: a live API token when it names a Bearer credential (anything else
   * there is a 401, never a fall-back to the cookie: the CSRF check exempts such requests), else a
   * live session cookie, else the public.
   */
  async function authenticate(request: FastifyRequest): Promise<Actor> {
    const now = clock();
    const bearer = bearerCredential(request);
    if (bearer !== null) {
      const token = bearer.startsWith(API_TOKEN_PREFIX)
        ? await findLiveToken(db, hashSecret(bearer), now.toISOString())
        : undefined;
      if (!token) {
        throw new ProblemError(
          401,
          'invalid-token',
          'token.invalid',
          {},
          { 'www-authenticate': 'Bearer error="invalid_token"' },
        );
      }
      // Recorded at most once a minute: a busy machine client must not write on every call.
      if (!token.last_used_at || Date.parse(token.last_used_at) < now.getTime() - minutes(1)) {
        await touchToken(db, token.token_id, now.toISOString());
      }
      return {
        kind: 'user',
        userId: token.id,
        email: token.email,
        displayName: token.display_name,
        lang: token.preferred_lang as Lang,
        demo: token.demo === 1,
        twoFactorEnabled: token.totp_enabled_at !== null,
        grants: toActorGrants(await activeGrants(db, [token.id])),
        credential: { type: 'token', id: token.token_id, scope: token.scope, expiresAt: token.expires_at },
      };
    }
    const secret = request.cookies[SESSION_COOKIE];
    if (!secret) return PUBLIC;
    const sessionId = hashSecret(secret);
    const load = async () => {
      const [session, grants] = await Promise.all([
        findLiveSession(db, sessionId, now.toISOString()),
        activeGrantsOfSession(db, sessionId),
      ]);
      return session ? { session, grants } : undefined;
    };
    const found = deps.memory ? await deps.memory.lookup(sessionId, load, request.replyCacheGeneration) : await load();
    if (!found) return PUBLIC;
    const { session, grants } = found;
    // Slide the idle expiry, but write it only once half of the idle time has passed.
    const idleExpiry = now.getTime() + minutes(policy.idleMinutes);
    let idleExpiresAt = session.idle_expires_at;
    if (Date.parse(session.idle_expires_at) < idleExpiry - minutes(policy.idleMinutes / 2)) {
      idleExpiresAt = new Date(idleExpiry).toISOString();
      await slideSession(db, session.session_id, idleExpiresAt, now.toISOString());
      deps.memory?.drop(sessionId);
    }
    const expiresAt = Date.parse(idleExpiresAt) < Date.parse(session.expires_at) ? idleExpiresAt : session.expires_at;
    return {
      kind: 'user',
      userId: session.id,
      email: session.email,
      displayName: session.display_name,
      lang: session.preferred_lang as Lang,
      demo: session.demo === 1,
      twoFactorEnabled: session.totp_enabled_at !== null,
      grants: toActorGrants(grants),
      credential: {
        type: 'session',
        id: session.session_id,
        secondFactor: session.second_factor_at !== null,
        expiresAt,
      },
    };
  }

  return {
    authenticate,

    /**
     * Checks the password and opens a new session; returns the session cookie's secret, and a new
     * known-device cookie when the sign-in is complete (`device`: the one the browser sent).
     */
    async signIn(
      input: SignIn,
      ctx: RequestContext & { userAgent: string | null; device: string | undefined },
    ): Promise<{ secret: string; device: string | null }> {
      const user = await findUserByEmail(db, input.email);
      // Brute force: every attempt counts (sign-in-throttle.ts) before the password is checked; an
      // attempt that succeeds is given back. A known device of the account is spared its delay.
      const attempts = await admitPasswordAttempt(
        db,
        { account: input.email, ip: ctx.ip, device: devices.recognise(ctx.device, user, clock()) },
        clock(),
      );
      // The same work whether or not the account exists, so timing does not tell.
      const matches = await verifyPassword(input.password, user?.password_hash ?? DUMMY_PASSWORD_HASH);
      if (!user || !matches || user.status !== 'active' || !user.password_hash) {
        throw new ProblemError(401, 'sign-in-failed', 'signIn.failed');
      }
      const secret = newSecret();
      const now = clock();
      const session = {
        id: hashSecret(secret),
        user_id: user.id,
        expires_at: new Date(now.getTime() + policy.maxHours * 3_600_000).toISOString(),
        idle_expires_at: new Date(now.getTime() + minutes(policy.idleMinutes)).toISOString(),
        second_factor_at: null,
        revoked_at: null,
        ip: ctx.ip,
        user_agent: ctx.userAgent?.slice(0, 300) ?? null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      };
      await db.transaction().execute(async (trx) => {
        await insertSession(trx, session);
        await recordAudit(
          trx,
          ctx,
          {
            action: 'auth.sign-in',
            role: null,
            entityType: 'user',
            entityId: user.id,
            actorUserId: user.id,
            before: null,
            after: { session: 'opened' },
          },
          now,
        );
      });
      await refund(db, attempts);
      // With two-factor on, the browser becomes known once the second factor passes (two-factor
      // module): a password alone must not earn the exemption from the account's delay.
      const complete = user.totp_enabled_at === null || user.demo === 1;
      return { secret, device: complete ? devices.issue({ ...user, password_hash: user.password_hash }, now) : null };
    },

    /** Ends the caller's session (the cookie alone proves nothing once it is revoked). */
    async signOut(ctx: RequestContext): Promise<void> {
      const { actor } = ctx;
      if (actor.kind !== 'user' || actor.credential.type !== 'session') return;
      const sessionId = actor.credential.id;
      const now = clock();
      await db.transaction().execute(async (trx) => {
        await revokeSession(trx, sessionId, now.toISOString());
        await recordAudit(
          trx,
          ctx,
          {
            action: 'auth.sign-out',
            role: null,
            entityType: 'user',
            entityId: actor.userId,
            before: null,
            after: null,
          },
          now,
        );
      });
    },

    async me(ctx: RequestContext): Promise<Me> {
      const { actor } = ctx;
      if (actor.kind !== 'user') throw new Error('me() needs a signed-in actor');
      const grants = await activeGrants(db, [actor.userId]);
      return {
        id: actor.userId,
        email: actor.email,
        displayName: actor.displayName,
        preferredLang: actor.lang,
        demo: actor.demo,
        grants: grants.map((g) => ({
          id: g.id,
          role: g.role as Role,
          memberState: g.member_state_slug,
          technicalGroup: g.technical_group_slug,
          partner: g.partner_slug,
        })),
        twoFactor: {
          enabled: actor.twoFactorEnabled === true,
          required: !actor.demo && actor.grants.some((g) => ROLES_REQUIRING_SECOND_FACTOR.includes(g.role)),
          passed: !needsSecondFactor(actor),
        },
        can: accountPolicy.abilities(actor, {
          readUsers: 'users.read',
          inviteUsers: 'users.invite',
          readAudit: 'audit.read',
          createMeetings: 'meetings.create',
          managePartners: 'partners.manage',
          draftDocuments: 'outcome-documents.draft',
          manageFollowUp: 'follow-up.manage',
          reportFollowUp: 'follow-up.report',
          chairDocuments: 'outcome-documents.chair',
          amendDocuments: 'outcome-documents.amend',
          footnoteDocuments: 'outcome-documents.footnote',
          shareDocuments: 'outcome-documents.share',
          readBriefs: 'observatory.read-briefs',
        }),
      };
    },
  };
}

export type AuthService = ReturnType<typeof authService>;
