import type { Kysely } from 'kysely';
import type { Page } from '../../../contract/common.js';
import type { NewGrant, UserDetail, UserGrant, UserListQuery, UserSummary } from '../../../contract/users.js';
import { idBySlug } from '../../db/queries.js';
import type { Database } from '../../db/schema.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import { InvalidParameterError, NotFoundError, ProblemError } from '../../http/problems.js';
import { message } from '../../i18n/messages.js';
import type { Actor, RequestContext } from '../../policy/actor.js';
import { recordAudit } from '../audit/index.js';
import { endAccountAccess } from '../auth/index.js';
import { auditGrant, insertGrants, resolveGrant, toGrant, toSummary, userDetail } from './accounts.js';
import { usersPolicy } from './policy.js';
import { findUserById, grantsOf, listUsers } from './queries.js';

/** The secretariat's administration of accounts: list and read users, grant and revoke roles,
 * deactivate. Authentication reads grants and status on every request, so each change here takes
 * effect on the user's very next request. */

const actorId = (ctx: RequestContext) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

/** Whether `actor` could still grant and revoke roles without the grant `grantId`. */
const mayStillManageGrants = (actor: Actor, grantId: string) =>
  actor.kind === 'user' &&
  usersPolicy.can({ ...actor, grants: actor.grants.filter((g) => g.id !== grantId) }, 'users.manage-grants');

export function usersService(deps: { db: Kysely<Database>; clock: () => Date }) {
  const { db, clock } = deps;

  return {
    async list(query: UserListQuery, ctx: RequestContext): Promise<Page<UserSummary>> {
      usersPolicy.require(ctx, 'users.read');
      const [afterEmail] = (decodeCursor(query.cursor, ['text']) ?? []) as string[];
      let memberStateId: string | undefined;
      if (query.memberState !== undefined) {
        memberStateId = (await idBySlug(db, 'member_state', query.memberState)) ?? undefined;
        if (memberStateId === undefined) {
          throw new InvalidParameterError(
            'memberState',
            'query',
            message(ctx.lang, 'grant.unknown', {
              what: message(ctx.lang, 'entity.member-state'),
              slug: query.memberState,
            }),
          );
        }
      }
      const rows = await listUsers(db, {
        role: query.role,
        memberStateId,
        status: query.status,
        afterEmail,
        limit: query.limit,
      });
      const page = toPage(rows, query.limit, (user) => [user.email]);
      const grants = await grantsOf(
        db,
        page.rows.map((u) => u.id),
        { includeRevoked: false },
      );
      return {
        lang: ctx.lang,
        items: page.rows.map((user) =>
          toSummary(
            user,
            grants.filter((g) => g.user_id === user.id),
          ),
        ),
        nextCursor: page.nextCursor,
      };
    },

    async get(userId: string, ctx: RequestContext): Promise<UserDetail> {
      usersPolicy.require(ctx, 'users.read');
      return userDetail(db, userId, clock(), ctx.actor);
    },

    /** Grants a role; refused for a deactivated account or a grant already in force. */
    async grant(userId: string, input: NewGrant, ctx: RequestContext): Promise<UserGrant> {
      const role = usersPolicy.require(ctx, 'users.manage-grants');
      const resolved = await resolveGrant(db, input, '', ctx.lang);
      const now = clock();
      const grantId = await db.transaction().execute(async (trx) => {
        const user = await findUserById(trx, userId);
        if (!user) throw new NotFoundError('user', userId);
        if (user.status === 'deactivated') throw new ProblemError(409, 'user-deactivated', 'user.deactivated');
        const before = await grantsOf(trx, [userId], { includeRevoked: false });
        const held = before.some(
          (g) =>
            g.role === resolved.role &&
            g.member_state_id === resolved.member_state_id &&
            g.technical_group_id === resolved.technical_group_id &&
            g.partner_id === resolved.partner_id,
        );
        if (held) throw new ProblemError(409, 'grant-held', 'grant.duplicate');
        const [id] = await insertGrants(trx, userId, [resolved], actorId(ctx), now);
        const after = await grantsOf(trx, [userId], { includeRevoked: false });
        await recordAudit(
          trx,
          ctx,
          {
            action: 'users.grant',
            role,
            entityType: 'user',
            entityId: userId,
            before: { grants: before.map(toGrant).map(auditGrant) },
            after: { grants: after.map(toGrant).map(auditGrant) },
          },
          now,
        );
        return id as string;
      });
      const detail = await userDetail(db, userId, now, ctx.actor);
      return detail.grants.find((g) => g.id === grantId) as UserGrant;
    },

    /** Revokes a grant (it is kept, with the time of revocation); revoking twice changes nothing. */
    async revokeGrant(userId: string, grantId: string, ctx: RequestContext): Promise<void> {
      const role = usersPolicy.require(ctx, 'users.manage-grants');
      const now = clock();
      await db.transaction().execute(async (trx) => {
        const user = await findUserById(trx, userId);
        if (!user) throw new NotFoundError('user', userId);
        const before = await grantsOf(trx, [userId], { includeRevoked: true });
        const grant = before.find((g) => g.id === grantId);
        if (!grant) throw new NotFoundError('grant', grantId);
        if (grant.revoked_at !== null) return;
        // An administrator cannot lock themselves out: another administrator must do it.
        if (userId === actorId(ctx) && !mayStillManageGrants(ctx.actor, grantId)) {
          throw new ProblemError(409, 'own-account', 'user.self');
        }
        await trx
          .updateTable('role_grant')
          .set({ revoked_at: now.toISOString(), updated_at: now.toISOString() })
          .where('id', '=', grantId)
          .where('revoked_at', 'is', null)
          .execute();
        const inForce = before.filter((g) => g.revoked_at === null);
        await recordAudit(
          trx,
          ctx,
          {
            action: 'users.revoke-grant',
            role,
            entityType: 'user',
            entityId: userId,
            before: { grants: inForce.map(toGrant).map(auditGrant) },
            after: {
              grants: inForce
                .filter((g) => g.id !== grantId)
                .map(toGrant)
                .map(auditGrant),
            },
          },
          now,
        );
      });
    },

    /** Deactivates the account and ends all its sessions, API tokens and reset links; deactivating twice changes nothing. */
    async deactivate(userId: string, ctx: RequestContext): Promise<UserDetail> {
      const role = usersPolicy.require(ctx, 'users.deactivate');
      if (userId === actorId(ctx)) throw new ProblemError(409, 'own-account', 'user.self');
      const now = clock();
      await db.transaction().execute(async (trx) => {
        const user = await findUserById(trx, userId);
        if (!user) throw new NotFoundError('user', userId);
        if (user.status === 'deactivated') return;
        const at = now.toISOString();
        await trx
          .updateTable('app_user')
          .set({ status: 'deactivated', updated_at: at })
          .where('id', '=', userId)
          .execute();
        // Revoked, not only refused while deactivated: an account made active again (demo start-up)
        // must not get back the tokens, sessions or reset links it had.
        const ended = await endAccountAccess(trx, userId, at, null);
        await recordAudit(
          trx,
          ctx,
          {
            action: 'users.deactivate',
            role,
            entityType: 'user',
            entityId: userId,
            before: { status: user.status },
            after: { status: 'deactivated', sessionsRevoked: ended.ended, apiCredentialsRevoked: ended.tokensRevoked },
          },
          now,
        );
      });
      return userDetail(db, userId, now, ctx.actor);
    },
  };
}

export type UsersService = ReturnType<typeof usersService>;
