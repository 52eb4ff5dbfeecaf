import type { Kysely } from 'kysely';
import type { SessionList, SignedOut } from '../../../contract/sessions.js';
import type { Database } from '../../db/schema.js';
import { ProblemError } from '../../http/problems.js';
import type { RequestContext } from '../../policy/actor.js';
import { ownAccountActor } from '../../policy/own-account.js';
import { opaqueName } from '../../security/secret-box.js';
import { recordAudit } from '../audit/index.js';
import { liveSessions, revokeSessions } from './queries.js';

/**
 * One's own sessions. A session's stored id is the SHA-256 of its cookie; what the API shows is an
 * HMAC of that id, so no id seen in a reply, a log or the audit trail leads back to a cookie or
 * even to the stored row without the server's key.
 */
export function sessionsService(deps: { db: Kysely<Database>; clock: () => Date; secretKey?: string | undefined }) {
  const { db, clock } = deps;
  const publicId = opaqueName(deps.secretKey, 'session-id');
  const currentOf = (ctx: RequestContext) =>
    ctx.actor.kind === 'user' && ctx.actor.credential.type === 'session' ? ctx.actor.credential.id : null;

  return {
    async list(ctx: RequestContext): Promise<SessionList> {
      const actor = ownAccountActor(ctx, 'sessions.read');
      const current = currentOf(ctx);
      const rows = await liveSessions(db, actor.userId, clock().toISOString());
      return {
        items: rows.map((row) => ({
          id: publicId(row.id),
          createdAt: row.created_at,
          lastSeenAt: row.updated_at,
          expiresAt: row.expires_at,
          ip: row.ip,
          userAgent: row.user_agent,
          secondFactor: row.second_factor_at !== null,
          current: row.id === current,
        })),
      };
    },

    /**
     * Ends one of the caller's live sessions, found by its public id among theirs only (an HMAC
     * cannot be looked up, and another user's session is simply not among them: 404).
     */
    async end(ctx: RequestContext, id: string): Promise<{ current: boolean }> {
      const actor = ownAccountActor(ctx, 'sessions.end');
      const now = clock();
      const at = now.toISOString();
      const session = (await liveSessions(db, actor.userId, at)).find((row) => publicId(row.id) === id);
      if (!session) throw new ProblemError(404, 'not-found', 'sessions.notFound', { id });
      await db.transaction().execute(async (trx) => {
        if ((await revokeSessions(trx, actor.userId, at, { id: session.id })) === 0) return;
        await recordAudit(
          trx,
          ctx,
          {
            action: 'sessions.end',
            role: null,
            entityType: 'session',
            entityId: id,
            before: { revokedAt: null },
            after: { revokedAt: at },
          },
          now,
        );
      });
      return { current: session.id === currentOf(ctx) };
    },

    /** Ends all the caller's live sessions, or all but this one; says how many. */
    async endAll(ctx: RequestContext, keepCurrent: boolean): Promise<SignedOut & { currentEnded: boolean }> {
      const actor = ownAccountActor(ctx, 'sessions.end');
      const current = currentOf(ctx);
      const now = clock();
      const at = now.toISOString();
      const ended = await db.transaction().execute(async (trx) => {
        const count = await revokeSessions(trx, actor.userId, at, { except: keepCurrent ? current : null });
        if (count === 0) return 0;
        await recordAudit(
          trx,
          ctx,
          {
            action: 'sessions.end',
            role: null,
            entityType: 'user',
            entityId: actor.userId,
            before: null,
            after: { sessionsEnded: count, keptCurrent: keepCurrent && current !== null },
          },
          now,
        );
        return count;
      });
      return { ended, currentEnded: current !== null && !keepCurrent };
    },
  };
}

export type SessionsService = ReturnType<typeof sessionsService>;
