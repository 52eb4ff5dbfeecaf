import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type {
  CommentCreate,
  RecordKind,
  RecordsOverview,
  RecordTransition,
  RecordVersion,
  RecordVersionList,
  RecordVersionSummary,
  RecordWrite,
  Series,
} from '../../../contract/meeting-records.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { Database } from '../../db/schema.js';
import { ConflictError, DeniedError, NotFoundError, ProblemError } from '../../http/problems.js';
import type { Actor, RequestContext } from '../../policy/actor.js';
import { rolesAllowed } from '../../policy/policy.js';
import { recordAudit } from '../audit/index.js';
import type { MeetingRow } from '../meetings/index.js';
import { findVisibleMeeting } from '../meetings/index.js';
import { notify } from '../notifications/index.js';
import { laterThan } from '../shared/concurrency.js';
import { requireHeld, settleAbilities, settledAction } from '../shared/held.js';
import { versionedWrites } from '../shared/versioned-write.js';
import type { DecisionsService } from './decisions-service.js';
import { meetingRecordsPolicy } from './policy.js';
import {
  findVersion,
  groupByIdOrSlug,
  groupFinalMinutes,
  insertComment,
  insertRecord,
  latestRecord,
  listComments,
  listVersions,
  type RecordRow,
  updateRecord,
} from './queries.js';
import { recordBody } from './rich-text.js';

/** Told of a version shared for comment: who comments for their own state. */
const COMMENTER_ROLES = rolesAllowed('meeting-records.comment', 'own-state');

/** Delegations (and the secretariat) read versions shared for comment. */
const readsShared = (actor: Actor) => meetingRecordsPolicy.can(actor, 'meeting-records.read');

/** The member states on whose behalf `actor` comments (the comment rule is scoped to one's own state). */
const ownStates = (actor: Actor) => {
  const reach = meetingRecordsPolicy.reach(actor, 'meeting-records.comment');
  return reach.all ? [] : reach.memberStateIds;
};

/** The states whose comments `actor` reads; null for every state's. */
function commentsReadBy(actor: Actor): string[] | null {
  const reach = meetingRecordsPolicy.reach(actor, 'meeting-records.read-comments');
  return reach.all ? null : reach.memberStateIds;
}

function mayRead(actor: Actor, status: RecordRow['status']) {
  if (status === 'final') return true;
  if (status === 'shared') return readsShared(actor);
  return meetingRecordsPolicy.can(actor, 'meeting-records.read-drafts');
}

/**
 * What `actor` may do with one version (its `can`): writes, sharing and finalising act on the
 * newest version of its kind (a write after a final one starts the next draft), sharing and
 * finalising once the meeting is held, before only as the override; comments go on a shared
 * version, on behalf of one's own state — as `write`, `transition` and `comment` require.
 */
function versionAbilities(
  actor: Actor,
  meeting: Pick<MeetingRow, 'status'>,
  row: Pick<RecordRow, 'status'>,
  newest: boolean,
) {
  const manage = newest && meetingRecordsPolicy.can(actor, 'meeting-records.manage');
  const settle = settleAbilities(meeting, manage && row.status !== 'final', () => mayOverride(actor));
  return {
    edit: manage,
    share: settle.now && row.status === 'draft',
    finalise: settle.now,
    override: settle.override,
    comment: row.status === 'shared' && mayComment(actor),
  };
}

/** Whether `actor` may settle a meeting's records before it is held. */
const mayOverride = (actor: Actor) => meetingRecordsPolicy.can(actor, 'meeting-records.override');

/** Whether `actor` comments on behalf of a state of their own. */
const mayComment = (actor: Actor) => {
  const states = ownStates(actor);
  return states.length > 0 && meetingRecordsPolicy.can(actor, 'meeting-records.comment', { memberStateId: states[0] });
};

/** What the reader may do with a meeting's minutes and report as a whole (the overview's `can`). */
export const recordsAbilities = (actor: Actor) => ({
  manage: meetingRecordsPolicy.can(actor, 'meeting-records.manage'),
  comment: mayComment(actor),
});

const summary = (
  row: Pick<RecordRow, 'kind' | 'version' | 'status' | 'lang' | 'created_at' | 'updated_at'>,
): RecordVersionSummary => ({
  kind: row.kind,
  version: row.version,
  status: row.status,
  lang: row.lang as RecordVersionSummary['lang'],
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function meetingRecordsService(deps: { db: Kysely<Database>; clock: () => Date; decisions: DecisionsService }) {
  const { db, clock, decisions } = deps;

  const versionedWrite = versionedWrites({ db, clock });
  /** Every change of the minutes and the report is the secretariat's. */
  const manage = (ctx: RequestContext) => () => meetingRecordsPolicy.require(ctx, 'meeting-records.manage');
  const overrideBy = (ctx: RequestContext) => () => meetingRecordsPolicy.require(ctx, 'meeting-records.override');

  async function presentVersion(actor: Actor, meeting: MeetingRow, row: RecordRow): Promise<RecordVersion> {
    const [comments, latest] = await Promise.all([
      listComments(db, row.id, commentsReadBy(actor)),
      latestRecord(db, row.meeting_id, row.kind),
    ]);
    return {
      can: versionAbilities(actor, meeting, row, latest?.id === row.id),
      ...summary(row),
      body: row.body,
      comments: comments.map((c) => ({
        id: c.id,
        author: c.display_name ?? null,
        memberState: c.state ?? null,
        body: c.body,
        createdAt: c.created_at,
      })),
    };
  }

  /** The 409 for a record changed since it was read: the newest version as it is now. */
  const staleRecord = (ctx: RequestContext, meeting: MeetingRow, kind: RecordKind) => async (): Promise<never> => {
    const latest = await latestRecord(db, meeting.id, kind);
    throw new ConflictError(
      'records.stale',
      {},
      latest?.updated_at,
      latest ? await presentVersion(ctx.actor, meeting, latest) : null,
    );
  };

  const recordAfter = (row: Pick<RecordRow, 'kind' | 'version' | 'status' | 'lang' | 'body'>) => ({
    kind: row.kind,
    version: row.version,
    status: row.status,
    lang: row.lang,
    // Bodies can be long; the trail keeps their length, the versions themselves are all kept.
    bodyLength: row.body.length,
  });

  /** The meeting and the newest version of its `kind`, if any. */
  async function withLatest(ctx: RequestContext, idOrSlug: string, kind: RecordKind) {
    const meeting = await findVisibleMeeting(db, ctx.actor, idOrSlug);
    return { meeting, latest: await latestRecord(db, meeting.id, kind) };
  }

  function transition(
    ctx: RequestContext,
    idOrSlug: string,
    kind: RecordKind,
    input: RecordTransition,
    to: 'shared' | 'final',
  ): Promise<RecordVersion> {
    return versionedWrite(ctx, {
      async find() {
        const { meeting, latest } = await withLatest(ctx, idOrSlug, kind);
        if (!latest) throw new ProblemError(404, 'not-found', 'records.none', { kind });
        return { meeting, latest };
      },
      require: manage(ctx),
      sent: input.updatedAt,
      version: ({ latest }) => latest.updated_at,
      stale: ({ meeting }) => staleRecord(ctx, meeting, kind)(),
      async prepare({ meeting, latest }, now) {
        // Sharing is from a draft; finalising from a draft or a shared version.
        if (latest.status === 'final' || (to === 'shared' && latest.status !== 'draft'))
          throw new ConflictError(
            'records.wrongStatus',
            { status: latest.status },
            latest.updated_at,
            await presentVersion(ctx.actor, meeting, latest),
          );
        requireHeld(meeting, input.override, overrideBy(ctx));
        return laterThan(latest.updated_at, now);
      },
      async change(trx, { meeting, latest }, at) {
        if (!(await updateRecord(trx, latest.id, input.updatedAt, { status: to, updated_at: at }))) return false;
        if (to === 'shared') {
          // Those asked to comment: their own state's delegation, when it takes part in the meeting.
          await notify(
            trx,
            {
              kind: 'minutes-shared',
              to: { roles: COMMENTER_ROLES, delegationAt: meeting.id },
              meetingId: meeting.id,
              path: `meetings/${meeting.slug}/records`,
              params: { record: kind },
              except: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
            },
            new Date(at),
          );
        }
        return {
          action: settledAction(meeting, 'meeting-records', to === 'shared' ? 'share' : 'finalise'),
          entityType: 'meeting_record',
          entityId: latest.id,
          before: recordAfter(latest),
          after: recordAfter({ ...latest, status: to }),
        };
      },
      present: ({ meeting, latest }, at) =>
        presentVersion(ctx.actor, meeting, { ...latest, status: to, updated_at: at }),
      alsoLost: isUniqueViolation,
    });
  }

  return {
    async overview(ctx: RequestContext, idOrSlug: string): Promise<RecordsOverview> {
      const meeting = await findVisibleMeeting(db, ctx.actor, idOrSlug);
      const versions = (await listVersions(db, meeting.id)).filter((v) => mayRead(ctx.actor, v.status)).map(summary);
      const group = meeting.technical_group_id ? await groupByIdOrSlug(db, meeting.technical_group_id) : undefined;
      return {
        meeting: {
          id: meeting.id,
          slug: meeting.slug,
          kind: meeting.kind,
          status: meeting.status,
          technicalGroup: group?.slug ?? null,
        },
        minutes: versions.filter((v) => v.kind === 'minutes'),
        report: versions.filter((v) => v.kind === 'report'),
        decisions: await decisions.visible(ctx, meeting),
        can: recordsAbilities(ctx.actor),
      };
    },

    async versions(ctx: RequestContext, idOrSlug: string, kind: RecordKind): Promise<RecordVersionList> {
      const meeting = await findVisibleMeeting(db, ctx.actor, idOrSlug);
      const rows = await listVersions(db, meeting.id);
      return { items: rows.filter((v) => v.kind === kind && mayRead(ctx.actor, v.status)).map(summary) };
    },

    async version(ctx: RequestContext, idOrSlug: string, kind: RecordKind, version: number): Promise<RecordVersion> {
      const meeting = await findVisibleMeeting(db, ctx.actor, idOrSlug);
      const row = await findVersion(db, meeting.id, kind, version);
      if (!row) throw new ProblemError(404, 'not-found', 'records.notFound', { kind, version: String(version) });
      if (!mayRead(ctx.actor, row.status)) {
        // The public is asked to sign in for a shared version; a draft is as good as missing to
        // anyone but the secretariat.
        const decision = meetingRecordsPolicy.decide(ctx.actor, 'meeting-records.read');
        if (row.status === 'shared' && !decision.allowed)
          throw new DeniedError(decision.status, decision.reason, 'meeting-records.read');
        throw new ProblemError(404, 'not-found', 'records.notFound', { kind, version: String(version) });
      }
      return presentVersion(ctx.actor, meeting, row);
    },

    /** Writes the first draft, edits the newest draft or shared version, or — when the newest is
     * final — starts version n+1 as a draft; the final one stays as it was. The text is stored
     * sanitised (rich-text.ts). */
    write(ctx: RequestContext, idOrSlug: string, kind: RecordKind, input: RecordWrite): Promise<RecordVersion> {
      const body = recordBody(input.body);
      return versionedWrite(ctx, {
        find: () => withLatest(ctx, idOrSlug, kind),
        require: manage(ctx),
        sent: input.updatedAt,
        version: ({ latest }) => latest?.updated_at ?? null,
        stale: ({ meeting }) => staleRecord(ctx, meeting, kind)(),
        prepare({ meeting, latest }, now): RecordRow {
          const at = laterThan(latest?.updated_at ?? null, now);
          if (latest && latest.status !== 'final') return { ...latest, lang: input.lang, body, updated_at: at };
          return {
            id: uuidv7(),
            meeting_id: meeting.id,
            kind,
            version: (latest?.version ?? 0) + 1,
            status: 'draft',
            lang: input.lang,
            body,
            created_at: at,
            updated_at: at,
          };
        },
        async change(trx, { latest }, row) {
          const fresh = row.id !== latest?.id;
          if (fresh) {
            await insertRecord(trx, { ...row, created_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null });
          } else {
            const patch = { lang: row.lang, body: row.body, updated_at: row.updated_at };
            if (!(await updateRecord(trx, row.id, input.updatedAt as string, patch))) return false;
          }
          return {
            action: fresh ? ('meeting-records.draft' as const) : ('meeting-records.edit' as const),
            entityType: 'meeting_record',
            entityId: row.id,
            before: fresh ? null : recordAfter(latest as RecordRow),
            after: recordAfter(row),
          };
        },
        present: ({ meeting }, row) => presentVersion(ctx.actor, meeting, row),
        alsoLost: isUniqueViolation,
      });
    },

    share: (ctx: RequestContext, idOrSlug: string, kind: RecordKind, input: RecordTransition) =>
      transition(ctx, idOrSlug, kind, input, 'shared'),
    finalise: (ctx: RequestContext, idOrSlug: string, kind: RecordKind, input: RecordTransition) =>
      transition(ctx, idOrSlug, kind, input, 'final'),

    async comment(
      ctx: RequestContext,
      idOrSlug: string,
      kind: RecordKind,
      version: number,
      input: CommentCreate,
    ): Promise<RecordVersion> {
      const meeting = await findVisibleMeeting(db, ctx.actor, idOrSlug);
      const stateId = ownStates(ctx.actor)[0] ?? null;
      const decision = meetingRecordsPolicy.decide(ctx.actor, 'meeting-records.comment', { memberStateId: stateId });
      if (!decision.allowed) throw new DeniedError(decision.status, decision.reason, 'meeting-records.comment');
      const row = await findVersion(db, meeting.id, kind, version);
      if (!row || row.status === 'draft')
        throw new ProblemError(404, 'not-found', 'records.notFound', { kind, version: String(version) });
      if (row.status !== 'shared')
        throw new ConflictError('records.notShared', { status: row.status }, row.updated_at, undefined);
      const now = clock();
      const at = now.toISOString();
      const id = uuidv7();
      await db.transaction().execute(async (trx) => {
        await insertComment(trx, {
          id,
          record_id: row.id,
          author_user_id: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
          member_state_id: stateId,
          body: input.body,
          created_at: at,
          updated_at: at,
        });
        await recordAudit(
          trx,
          ctx,
          {
            action: 'meeting-records.comment',
            role: decision.role,
            entityType: 'meeting_record_comment',
            entityId: id,
            before: null,
            after: { record: row.id, memberState: stateId, bodyLength: input.body.length },
          },
          now,
        );
      });
      return presentVersion(ctx.actor, meeting, row);
    },

    async series(idOrSlug: string): Promise<Series> {
      const group = await groupByIdOrSlug(db, idOrSlug);
      if (!group) throw new NotFoundError('technical-group', idOrSlug);
      const rows = await groupFinalMinutes(db, group.id);
      return {
        group,
        items: rows.map((row, index) => ({
          meeting: { slug: row.slug, startsAt: row.starts_at },
          minutes: { ...summary(row), body: row.body },
          previous: index > 0 ? (rows[index - 1]?.slug ?? null) : null,
        })),
      };
    },
  };
}

export type MeetingRecordsService = ReturnType<typeof meetingRecordsService>;
