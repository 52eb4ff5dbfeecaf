import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type {
  Decision,
  DecisionCreate,
  DecisionList,
  DecisionOrder,
  DecisionUpdate,
  RecordTransition,
} from '../../../contract/meeting-records.js';
import { isPublicStatus, type OutcomeStatus } from '../../../domain/outcome-documents.js';
import { reason } from '../../../domain/reasons.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { Database } from '../../db/schema.js';
import { ConflictError, DeniedError, InvalidParameterError, ProblemError } from '../../http/problems.js';
import type { Actor, RequestContext } from '../../policy/actor.js';
import { meetingDocumentOf, nextPosition, writeOrder } from '../agenda/index.js';
import { recordAudit } from '../audit/index.js';
import type { MeetingRow } from '../meetings/index.js';
import { findVisibleMeeting } from '../meetings/index.js';
import { deleteUnchanged, laterThan, updateUnchanged } from '../shared/concurrency.js';
import { requireHeld, settleAbilities, settledAction } from '../shared/held.js';
import { type AuditChange, versionedWrites } from '../shared/versioned-write.js';
import { meetingRecordsPolicy } from './policy.js';
import { type DecisionRow, documentBySlug, insertDecision, listDecisions } from './queries.js';

/**
 * The decisions of a meeting's concluding record, in order: kept by the secretariat, read by the
 * delegations while the meeting runs and by everyone once it is concluded. Each names the
 * `updatedAt` read when it is changed, moved or removed.
 */

/** The `can` of the decisions, each and as a list: every change of them is the secretariat's
 * management of records, made once the meeting is held, before only as the override. */
function decisionsAbilities(actor: Actor, meeting: Pick<MeetingRow, 'status'>) {
  return settleAbilities(meeting, meetingRecordsPolicy.can(actor, 'meeting-records.manage'), () =>
    meetingRecordsPolicy.can(actor, 'meeting-records.override'),
  );
}

const presentDecision = (actor: Actor, meeting: Pick<MeetingRow, 'status'>, row: DecisionRow): Decision => {
  const { now, override } = decisionsAbilities(actor, meeting);
  return {
    id: row.id,
    position: row.position,
    lang: row.lang as Decision['lang'],
    text: row.text,
    document: row.document_slug ? { slug: row.document_slug, symbol: row.document_symbol ?? null } : null,
    meetingDocument: row.meeting_document_id
      ? { id: row.meeting_document_id, symbol: row.meeting_document_symbol ?? null }
      : null,
    updatedAt: row.updated_at,
    can: { update: now, delete: now, override },
  };
};

/** The trail's view of a decision. */
const auditedDecision = (row: {
  lang: string;
  text: string;
  document_id: string | null;
  meeting_document_id: string | null;
}) => ({
  lang: row.lang,
  text: row.text,
  document: row.document_id,
  meetingDocument: row.meeting_document_id,
});

interface Found {
  meeting: MeetingRow;
  current: DecisionRow;
}

export function decisionsService(deps: { db: Kysely<Database>; clock: () => Date }) {
  const { db, clock } = deps;
  const versionedWrite = versionedWrites({ db, clock });
  const manage = (ctx: RequestContext) => () => meetingRecordsPolicy.require(ctx, 'meeting-records.manage');
  /** Decisions are the meeting's outcome: recorded once it is held, before only as the override. */
  const held = (ctx: RequestContext, meeting: MeetingRow, override: boolean | undefined) =>
    requireHeld(meeting, override, () => meetingRecordsPolicy.require(ctx, 'meeting-records.override'));

  const listOf = async (meeting: MeetingRow, actor: Actor): Promise<DecisionList> => {
    const { now, override } = decisionsAbilities(actor, meeting);
    return {
      items: (await listDecisions(db, meeting.id)).map((row) => presentDecision(actor, meeting, row)),
      can: { create: now, reorder: now, override },
    };
  };

  /** The decisions, when `ctx` may read them: everyone once the meeting is concluded, delegations
   * (and the secretariat) before. Null otherwise. */
  async function visible(ctx: RequestContext, meeting: MeetingRow): Promise<DecisionList | null> {
    if (meeting.status !== 'concluded' && !meetingRecordsPolicy.can(ctx.actor, 'meeting-records.read')) return null;
    return listOf(meeting, ctx.actor);
  }

  async function targets(meeting: MeetingRow, input: DecisionCreate) {
    let documentId: string | null = null;
    if (input.document) {
      const found = await documentBySlug(db, input.document);
      // Decisions are public once the meeting concludes: they may name adopted texts only.
      if (!found || !isPublicStatus(found.status as OutcomeStatus))
        throw new InvalidParameterError(
          'document',
          'body',
          reason('reason.decisions.unknownDocument', { slug: input.document }),
        );
      documentId = found.id;
    }
    if (input.meetingDocumentId && !(await meetingDocumentOf(db, meeting.id, input.meetingDocumentId)))
      throw new InvalidParameterError('meetingDocumentId', 'body', reason('reason.id.meetingDocument'));
    return { document_id: documentId, meeting_document_id: input.meetingDocumentId ?? null };
  }

  async function findDecision(meeting: MeetingRow, id: string) {
    const row = (await listDecisions(db, meeting.id)).find((d) => d.id === id);
    if (!row) throw new ProblemError(404, 'not-found', 'decisions.notFound', { id });
    return row;
  }

  /**
   * A change of decision `id` through the versioned write, at the `updatedAt` read; `change`
   * answers the trail's entry, or false when the decision changed meanwhile.
   */
  function writeDecision<P, Out>(
    ctx: RequestContext,
    idOrSlug: string,
    id: string,
    input: { updatedAt: string; override?: boolean | undefined },
    steps: {
      prepare?: (found: Found, now: Date) => Promise<P>;
      change: (trx: Transaction<Database>, found: Found, prepared: P) => Promise<AuditChange | false>;
      present: (found: Found) => Promise<Out>;
    },
  ): Promise<Out> {
    return versionedWrite<Found, P, Out>(ctx, {
      async find() {
        const meeting = await findVisibleMeeting(db, ctx.actor, idOrSlug);
        return { meeting, current: await findDecision(meeting, id) };
      },
      require: manage(ctx),
      refuse: ({ meeting }) => held(ctx, meeting, input.override),
      sent: input.updatedAt,
      version: ({ current }) => current.updated_at,
      async stale({ meeting }) {
        const row = await findDecision(meeting, id);
        throw new ConflictError('decisions.stale', {}, row.updated_at, presentDecision(ctx.actor, meeting, row));
      },
      ...(steps.prepare ? { prepare: steps.prepare } : {}),
      change: (trx, found, prepared) => steps.change(trx, found, prepared),
      present: steps.present,
      // A position taken meanwhile is a concurrent writer's win too.
      alsoLost: isUniqueViolation,
    });
  }

  return {
    visible,

    async list(ctx: RequestContext, idOrSlug: string): Promise<DecisionList> {
      const meeting = await findVisibleMeeting(db, ctx.actor, idOrSlug);
      const list = await visible(ctx, meeting);
      if (list) return list;
      const decision = meetingRecordsPolicy.decide(ctx.actor, 'meeting-records.read');
      throw new DeniedError(
        decision.allowed ? 403 : decision.status,
        decision.allowed ? 'role' : decision.reason,
        'meeting-records.read',
      );
    },

    async add(ctx: RequestContext, idOrSlug: string, input: DecisionCreate): Promise<Decision> {
      const meeting = await findVisibleMeeting(db, ctx.actor, idOrSlug);
      const role = meetingRecordsPolicy.require(ctx, 'meeting-records.manage');
      held(ctx, meeting, input.override);
      const linked = await targets(meeting, input);
      const now = clock();
      const at = now.toISOString();
      const id = uuidv7();
      await db.transaction().execute(async (trx) => {
        const row = {
          id,
          meeting_id: meeting.id,
          position: await nextPosition(trx, 'meeting_decision', meeting.id),
          lang: input.lang,
          text: input.text,
          ...linked,
          created_at: at,
          updated_at: at,
        };
        await insertDecision(trx, row);
        await recordAudit(
          trx,
          ctx,
          {
            action: settledAction(meeting, 'meeting-records', 'add-decision'),
            role,
            entityType: 'meeting_decision',
            entityId: id,
            before: null,
            after: auditedDecision(row),
          },
          now,
        );
      });
      return presentDecision(ctx.actor, meeting, await findDecision(meeting, id));
    },

    update(ctx: RequestContext, idOrSlug: string, id: string, input: DecisionUpdate): Promise<Decision> {
      return writeDecision(ctx, idOrSlug, id, input, {
        prepare: async ({ meeting, current }, now) => ({
          lang: input.lang,
          text: input.text,
          ...(await targets(meeting, input)),
          updated_at: laterThan(current.updated_at, now),
        }),
        async change(trx, { meeting, current }, patch) {
          if (!(await updateUnchanged(trx, 'meeting_decision', id, { updatedAt: input.updatedAt }, patch)))
            return false;
          return {
            action: settledAction(meeting, 'meeting-records', 'update-decision'),
            entityType: 'meeting_decision',
            entityId: id,
            before: auditedDecision(current),
            after: auditedDecision(patch),
          };
        },
        present: async ({ meeting }) => presentDecision(ctx.actor, meeting, await findDecision(meeting, id)),
      });
    },

    remove(ctx: RequestContext, idOrSlug: string, id: string, input: RecordTransition): Promise<void> {
      return writeDecision(ctx, idOrSlug, id, input, {
        async change(trx, { meeting, current }) {
          if (!(await deleteUnchanged(trx, 'meeting_decision', id, { updatedAt: input.updatedAt }))) return false;
          return {
            action: settledAction(meeting, 'meeting-records', 'remove-decision'),
            entityType: 'meeting_decision',
            entityId: id,
            before: auditedDecision(current),
            after: null,
          };
        },
        present: async () => undefined,
      });
    },

    /** Puts the decisions in the order given, which names each with the updatedAt read. */
    reorder(ctx: RequestContext, idOrSlug: string, input: DecisionOrder): Promise<DecisionList> {
      const ids = input.items.map((i) => i.id);
      // Each decision names the updatedAt read: the order is compared one by one in the transaction.
      return versionedWrite(ctx, {
        find: () => findVisibleMeeting(db, ctx.actor, idOrSlug),
        require: manage(ctx),
        refuse(meeting) {
          if (new Set(ids).size !== ids.length)
            throw new InvalidParameterError('items', 'body', reason('reason.decisions.once'));
          held(ctx, meeting, input.override);
        },
        sent: undefined,
        version: (meeting) => meeting.version,
        async stale(meeting): Promise<never> {
          throw new ConflictError('decisions.orderStale', {}, undefined, await listOf(meeting, ctx.actor));
        },
        async change(trx, meeting, _prepared, now) {
          const current = await listDecisions(trx, meeting.id);
          const rows = current.map((d) => ({
            id: d.id,
            position: d.position,
            seen: { updatedAt: d.updated_at },
            stamp: laterThan(d.updated_at, now),
          }));
          const wanted = input.items.map(({ id, updatedAt }) => ({ id, seen: { updatedAt } }));
          if (!(await writeOrder(trx, 'meeting_decision', rows, wanted))) return false;
          return {
            action: settledAction(meeting, 'meeting-records', 'reorder-decisions'),
            entityType: 'meeting',
            entityId: meeting.id,
            before: { order: current.map((d) => d.id) },
            after: { order: ids },
          };
        },
        present: (meeting) => listOf(meeting, ctx.actor),
        alsoLost: isUniqueViolation,
      });
    },
  };
}

export type DecisionsService = ReturnType<typeof decisionsService>;
