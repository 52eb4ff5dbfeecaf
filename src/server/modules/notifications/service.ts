import type { Kysely } from 'kysely';
import type {
  MarkedRead,
  NotificationCount,
  NotificationList,
  NotificationListQuery,
  NotificationPreferences,
  NotificationPreferencesUpdate,
} from '../../../contract/notifications.js';
import { DEFAULT_FREQUENCY, NOTIFICATION_KINDS, type NotificationKind } from '../../../domain/notifications.js';
import { LIMIT_DEFAULT } from '../../../domain/paging.js';
import type { Database } from '../../db/schema.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import { ProblemError } from '../../http/problems.js';
import type { RequestContext } from '../../policy/actor.js';
import { ownAccountActor } from '../../policy/own-account.js';
import { recordAudit } from '../audit/index.js';
import { countUnread, findNotice, listNotices, markRead, preferencesOf, setPreference } from './queries.js';
import { noticeTexts } from './texts.js';

/**
 * One's own notices and how they are e-mailed. Notices are written for their recipients only
 * (emit.ts), so reading one's own is all the visibility there is to check; another user's notice
 * is answered 404 like a missing one.
 */
export function notificationsService(deps: { db: Kysely<Database>; clock: () => Date }) {
  const { db, clock } = deps;

  async function preferences(userId: string): Promise<NotificationPreferences> {
    const chosen = new Map((await preferencesOf(db, userId)).map((row) => [row.kind, row.frequency]));
    return Object.fromEntries(
      NOTIFICATION_KINDS.map((kind) => [kind, chosen.get(kind) ?? DEFAULT_FREQUENCY]),
    ) as NotificationPreferences;
  }

  return {
    async list(ctx: RequestContext, query: NotificationListQuery): Promise<NotificationList> {
      const actor = ownAccountActor(ctx, 'notifications.read');
      const limit = query.limit ?? LIMIT_DEFAULT;
      const fetched = await listNotices(db, actor.userId, {
        limit: limit + 1,
        unreadOnly: query.unread === 'true',
        cursor: decodeCursor(query.cursor, ['text', 'text']),
      });
      const { rows, nextCursor } = toPage(fetched, limit, (row) => [row.created_at, row.id]);
      const texts = await noticeTexts(db, rows, ctx.lang);
      return {
        nextCursor,
        items: rows.map((row, i) => ({
          id: row.id,
          kind: row.kind as NotificationKind,
          title: texts[i]?.title ?? row.kind,
          detail: texts[i]?.detail ?? null,
          path: row.path,
          createdAt: row.created_at,
          readAt: row.read_at,
        })),
        unread: await countUnread(db, actor.userId),
      };
    },

    async count(ctx: RequestContext): Promise<NotificationCount> {
      const actor = ownAccountActor(ctx, 'notifications.read');
      return { unread: await countUnread(db, actor.userId) };
    },

    /** Marks one notice read (again: nothing changes, 0), or all unread ones when `id` is left out. */
    async markRead(ctx: RequestContext, id?: string): Promise<MarkedRead> {
      const actor = ownAccountActor(ctx, 'notifications.update');
      if (id !== undefined && !(await findNotice(db, actor.userId, id))) {
        throw new ProblemError(404, 'not-found', 'notifications.notFound', { id });
      }
      const now = clock();
      const at = now.toISOString();
      const marked = await db.transaction().execute(async (trx) => {
        const count = await markRead(trx, actor.userId, at, id);
        if (count === 0) return 0;
        await recordAudit(
          trx,
          ctx,
          {
            action: 'notifications.update',
            role: null,
            entityType: id === undefined ? ('user' as const) : ('notification' as const),
            entityId: id ?? actor.userId,
            before: null,
            after: { markedRead: count },
          },
          now,
        );
        return count;
      });
      return { marked };
    },

    preferences: (ctx: RequestContext) => preferences(ownAccountActor(ctx, 'notifications.read').userId),

    async setPreferences(ctx: RequestContext, input: NotificationPreferencesUpdate): Promise<NotificationPreferences> {
      const actor = ownAccountActor(ctx, 'notifications.update');
      const before = await preferences(actor.userId);
      const changes = NOTIFICATION_KINDS.flatMap((kind) => {
        const frequency = input[kind];
        return frequency !== undefined && frequency !== before[kind] ? [[kind, frequency] as const] : [];
      });
      if (changes.length === 0) return before;
      const now = clock();
      await db.transaction().execute(async (trx) => {
        for (const [kind, frequency] of changes)
          await setPreference(trx, actor.userId, kind, frequency, now.toISOString());
        await recordAudit(
          trx,
          ctx,
          {
            action: 'notifications.update',
            role: null,
            entityType: 'user',
            entityId: actor.userId,
            before: Object.fromEntries(changes.map(([kind]) => [kind, before[kind]])),
            after: Object.fromEntries(changes),
          },
          now,
        );
      });
      return preferences(actor.userId);
    },
  };
}

export type NotificationsService = ReturnType<typeof notificationsService>;
