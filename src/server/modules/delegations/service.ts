import type { Kysely, Transaction, Updateable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type {
  AccreditBody,
  ChangeDecision,
  Delegation,
  DelegationCreate,
  DelegationList,
  DelegationListQuery,
  DelegationUpdate,
  ParticipantInput,
  ReasonBody,
  VersionBody,
} from '../../../contract/delegations.js';
import type { AuditAction } from '../../../domain/audit.js';
import { isUniqueViolation } from '../../db/errors.js';
import { idBySlug } from '../../db/queries.js';
import type { Database, ParticipantCategory } from '../../db/schema.js';
import type { DropFile, Upload } from '../../files/index.js';
import { InvalidParameterError, ProblemError } from '../../http/problems.js';
import { message } from '../../i18n/messages.js';
import type { Actor, RequestContext } from '../../policy/actor.js';
import type { ActionOf } from '../../policy/module-policy.js';
import { type Resource, rolesAllowed } from '../../policy/policy.js';
import { recordAudit } from '../audit/index.js';
import type { MeetingRow } from '../meetings/index.js';
import { findVisibleMeeting } from '../meetings/index.js';
import { type NotificationEvent, notify } from '../notifications/index.js';
import { updateUnchanged } from '../shared/concurrency.js';
import { versionedWrites } from '../shared/versioned-write.js';
import type { OnChangeRequested } from './change-notice.js';
import { delegationsPolicy } from './policy.js';
import { parsePayload, participantsByDelegation, presentDelegations } from './present.js';
import {
  type DelegationRow,
  decideChange,
  findChange,
  findDelegation,
  findPartnerDelegation,
  findPendingChange,
  findStoredFile,
  insertChange,
  insertDelegation,
  listDelegations,
  replaceParticipants,
  replacePendingPayload,
  type VisibleTo,
} from './queries.js';
import { stale } from './stale.js';

/**
 * Registration of delegations to a meeting. Who may act on which delegation is the permission
 * table's `own-state` / `own-partner` scope, checked here against the delegation itself. A
 * delegation the caller may not read is answered 404 like a missing one (its existence is not
 * theirs to learn); a registration the caller may not make for the state or organisation they
 * named is a 403.
 */

type Db = Kysely<Database>;

/** Where a meeting is in its registration: `open` (edits apply), `late` (past the deadline or
 * closed: a state's edits wait for the secretariat), `closed` (nothing changes any more). */
type Phase = 'open' | 'late' | 'closed';

const LATE_STATUSES: ReadonlyArray<MeetingRow['status']> = ['registration-closed', 'in-session'];

export function registrationPhase(meeting: MeetingRow, now: Date): Phase {
  if (meeting.status === 'registration-open') {
    const deadline = meeting.registration_deadline;
    return deadline !== null && now.toISOString() > deadline ? 'late' : 'open';
  }
  return LATE_STATUSES.includes(meeting.status) ? 'late' : 'closed';
}

/** Whose registrations and edits apply at every phase, and never go back for review. */
const registersAnyTime = (actor: Actor) => delegationsPolicy.can(actor, 'delegations.register-any-time');

const resourceOf = (row: Pick<DelegationRow, 'member_state_id' | 'partner_id'>): Resource => ({
  memberStateId: row.member_state_id,
  partnerId: row.partner_id,
});

/**
 * What `actor` may do with one delegation now (its `can`): the permission on the delegation's own
 * state or organisation, the meeting's phase and the statuses each step starts from — what `edit`
 * and `statusStep` require of the write.
 */
function delegationAbilities(actor: Actor, meeting: MeetingRow, row: DelegationRow, now: Date) {
  const open = registrationPhase(meeting, now) !== 'closed';
  const may = delegationsPolicy.abilities(
    actor,
    { register: 'delegations.register', accredit: 'delegations.accredit' },
    resourceOf(row),
  );
  const own = open && may.register;
  const review = open && may.accredit;
  return {
    update: own,
    submit: own && SUBMIT_FROM.includes(row.status),
    uploadCredentials: own,
    accredit: review && ACCREDIT_FROM.includes(row.status),
    return: review && RETURN_FROM.includes(row.status),
    decideChanges: review,
  };
}

/** What `actor` may do with the meeting's registrations as a whole (the list's `can`). */
export function registrationAbilities(actor: Actor, meeting: MeetingRow, now: Date) {
  const phase = registrationPhase(meeting, now);
  const inTime = phase === 'open' || (phase === 'late' && registersAnyTime(actor));
  return {
    readAll: delegationsPolicy.reach(actor, 'delegations.read').all,
    register: inTime && delegationsPolicy.can(actor, 'delegations.register'),
    registerOthers: inTime && delegationsPolicy.reach(actor, 'delegations.register').all,
  };
}

const SUBMIT_FROM: ReadonlyArray<DelegationRow['status']> = ['draft', 'returned'];
const ACCREDIT_FROM: ReadonlyArray<DelegationRow['status']> = ['submitted'];
const RETURN_FROM: ReadonlyArray<DelegationRow['status']> = ['submitted', 'accredited'];

/** Told of a submitted registration: those who accredit it. */
const ACCREDITOR_ROLES = rolesAllowed('delegations.accredit', 'any');
const STATE_REGISTRANTS = rolesAllowed('delegations.register', 'own-state');
const PARTNER_REGISTRANTS = rolesAllowed('delegations.register', 'own-partner');

/**
 * Tells of a step in a delegation's registration: a submission to those who accredit, anything
 * else to those who register for the delegation's own state or partner, never to another state's
 * (a guest organisation's registration has no such account: the secretariat registers it).
 */
function tellOf(
  trx: Transaction<Database>,
  ctx: RequestContext,
  meeting: MeetingRow,
  row: Pick<DelegationRow, 'member_state_id' | 'partner_id' | 'organisation'>,
  kind: NotificationEvent['kind'],
  at: string,
  params: NotificationEvent['params'] = {},
) {
  const owners = row.member_state_id
    ? { roles: STATE_REGISTRANTS, memberStateId: row.member_state_id }
    : { roles: PARTNER_REGISTRANTS, partnerId: row.partner_id };
  return notify(
    trx,
    {
      kind,
      to: kind === 'delegation-submitted' ? { roles: ACCREDITOR_ROLES } : owners,
      meetingId: meeting.id,
      path: `meetings/${meeting.slug}/registration`,
      params: {
        memberStateId: row.member_state_id,
        partnerId: row.partner_id,
        organisation: row.organisation,
        ...params,
      },
      except: actorId(ctx),
    },
    new Date(at),
  );
}

/** The states and organisations whose delegations `actor` may read; undefined for all of them. */
export function visibleTo(actor: Actor): VisibleTo | undefined {
  const reach = delegationsPolicy.reach(actor, 'delegations.read');
  return reach.all ? undefined : { memberStateIds: reach.memberStateIds, partnerIds: reach.partnerIds };
}

const actorId = (ctx: RequestContext) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

const notOpen = (meeting: MeetingRow) =>
  new ProblemError(409, 'registration-not-open', 'delegation.notOpen', { status: meeting.status });

const wrongStatus = (row: DelegationRow, allowed: string) =>
  new ProblemError(409, 'delegation-status', 'delegation.status', { status: row.status, allowed });

/** Blank optional texts are stored as none. */
const normalized = (list: readonly ParticipantInput[]): ParticipantInput[] =>
  list.map((p) => ({
    role: p.role,
    name: p.name,
    title: p.title || null,
    institution: p.institution || null,
    email: p.email || null,
  }));

/** A delegation is complete enough to submit when it lists someone, and a state's or an
 * observer's delegation has exactly one head (the schema already refuses two). */
function checkComplete(category: ParticipantCategory, list: readonly ParticipantInput[], ctx: RequestContext) {
  if (list.length === 0) {
    throw new InvalidParameterError('participants', 'body', message(ctx.lang, 'delegation.needsParticipants'));
  }
  if ((category === 'delegation' || category === 'observer') && !list.some((p) => p.role === 'head')) {
    throw new InvalidParameterError('participants', 'body', message(ctx.lang, 'delegation.needsHead'));
  }
}

/** The audit trail's view of a delegation. */
async function audited(trx: Transaction<Database>, meetingId: string, id: string) {
  const row = await findDelegation(trx, meetingId, id);
  if (!row) return null;
  const participants = (await participantsByDelegation(trx, [id])).get(id) ?? [];
  return {
    category: row.category,
    memberStateId: row.member_state_id,
    partnerId: row.partner_id,
    organisation: row.organisation,
    status: row.status,
    returnReason: row.return_reason,
    version: row.version,
    participants,
  };
}

export function delegationsService(deps: {
  db: Db;
  clock: () => Date;
  /** Called after a state's edit was kept as a new change request: the secretariat's e-mail. */
  onChangeRequested: OnChangeRequested;
}) {
  const { db, clock } = deps;
  const versionedWrite = versionedWrites({ db, clock });

  const presentOne = async (meeting: MeetingRow, id: string, ctx: RequestContext): Promise<Delegation> => {
    const row = await findDelegation(db, meeting.id, id);
    if (!row) throw new ProblemError(404, 'not-found', 'delegation.notFound', { id });
    const [delegation] = await presented(meeting, [row], ctx);
    return delegation as Delegation;
  };

  /** Delegations as replies give them, each with what the reader may do with it now. */
  async function presented(meeting: MeetingRow, rows: DelegationRow[], ctx: RequestContext): Promise<Delegation[]> {
    const now = clock();
    const items = await presentDelegations(db, meeting.slug, rows, ctx.lang);
    return items.map((item, i) => ({
      ...item,
      can: delegationAbilities(ctx.actor, meeting, rows[i] as DelegationRow, now),
    }));
  }

  /** The delegation `id` of the meeting, when the caller may read it; 404 otherwise. */
  const readable = async (meeting: MeetingRow, id: string, ctx: RequestContext) => {
    const row = await findDelegation(db, meeting.id, id);
    if (!row || !delegationsPolicy.can(ctx.actor, 'delegations.read', resourceOf(row))) {
      throw new ProblemError(404, 'not-found', 'delegation.notFound', { id });
    }
    return row;
  };

  interface EditEnv {
    meeting: MeetingRow;
    row: DelegationRow;
    phase: Phase;
    at: string;
    /** The caller's edits apply at every phase and need no review (delegations.register-any-time). */
    anyTime: boolean;
  }
  type Edit = (
    trx: Transaction<Database>,
    env: EditEnv,
  ) => Promise<{
    set: Omit<Updateable<Database['delegation']>, 'version' | 'id'>;
    auditAction: AuditAction;
    /** What the audit entry keeps besides the delegation before and after (a stated reason). */
    auditNote?: Record<string, unknown>;
  }>;

  /**
   * The frame of every change to a delegation: the meeting as the caller may see it, the
   * delegation as they may read it, the permission on it, an open registration, the version they
   * read; then, in one transaction, the change, the version bump (only from the version read, so
   * a concurrent edit makes this one fail with 409) and the audit entry.
   */
  async function edit(
    ctx: RequestContext,
    slug: string,
    id: string,
    options: {
      action: ActionOf<typeof delegationsPolicy>;
      version: number | null;
      /** Runs the transaction; an upload's `store` runs it so the file is kept only if it commits. */
      transaction?: (work: (trx: Transaction<Database>) => Promise<void>, now: Date) => Promise<void>;
    },
    change: Edit,
  ): Promise<Delegation> {
    return versionedWrite(ctx, {
      async find() {
        const meeting = await findVisibleMeeting(db, ctx.actor, slug);
        return { meeting, row: await readable(meeting, id, ctx) };
      },
      require: ({ row }) => delegationsPolicy.require(ctx, options.action, resourceOf(row)),
      refuse({ meeting }, now) {
        if (registrationPhase(meeting, now) === 'closed') throw notOpen(meeting);
      },
      sent: options.version ?? undefined,
      version: ({ row }) => row.version,
      async stale({ meeting, row }) {
        throw stale(options.version ?? row.version, await presentOne(meeting, id, ctx));
      },
      async change(trx, { meeting, row }, _prepared, now) {
        const at = now.toISOString();
        const before = await audited(trx, meeting.id, id);
        const env = { meeting, row, phase: registrationPhase(meeting, now), at, anyTime: registersAnyTime(ctx.actor) };
        const { set, auditAction, auditNote } = await change(trx, env);
        if (!(await updateUnchanged(trx, 'delegation', id, { version: row.version }, { ...set, updated_at: at })))
          return false;
        const after = { ...(await audited(trx, meeting.id, id)), ...auditNote };
        return { action: auditAction, entityType: 'delegation', entityId: id, before, after };
      },
      present: ({ meeting }) => presentOne(meeting, id, ctx),
      ...(options.transaction ? { transaction: options.transaction } : {}),
    });
  }

  /** A change of status allowed only from the statuses `from`, naming the version read. */
  function statusStep(
    ctx: RequestContext,
    slug: string,
    id: string,
    input: { version: number },
    step: { action: ActionOf<typeof delegationsPolicy>; from: readonly DelegationRow['status'][] },
    change: Edit,
  ): Promise<Delegation> {
    return edit(ctx, slug, id, { action: step.action, version: input.version }, async (trx, env) => {
      if (!step.from.includes(env.row.status)) throw wrongStatus(env.row, step.from.join(', '));
      return change(trx, env);
    });
  }

  /** What a new registration is for: the state, partner or organisation, from the body and the
   * caller's own grant when the body leaves it out. */
  async function target(ctx: RequestContext, input: DelegationCreate) {
    const { category } = input;
    const required = (name: string) =>
      new InvalidParameterError(name, 'body', message(ctx.lang, 'delegation.required', { category }));
    const leftOut = (name: string) =>
      new InvalidParameterError(name, 'body', message(ctx.lang, 'delegation.leftOut', { category }));
    const ownGrant = (field: 'memberStateId' | 'partnerId') => {
      const grants = ctx.actor.kind === 'user' ? ctx.actor.grants : [];
      const ids = [...new Set(grants.flatMap((g) => (g[field] ? [g[field]] : [])))];
      return ids.length === 1 ? ids[0] : undefined;
    };
    const resolve = async (table: 'member_state' | 'partner', name: string, slug: string) => {
      const id = await idBySlug(db, table, slug);
      if (id === null) {
        const what = message(
          ctx.lang,
          table === 'member_state' ? 'entity.member-state' : 'entity.partner-organisation',
        );
        throw new InvalidParameterError(name, 'body', message(ctx.lang, 'grant.unknown', { what, slug }));
      }
      return id;
    };
    const organisation = input.organisation || null;
    if (category !== 'delegation' && input.memberState !== undefined) throw leftOut('memberState');
    if (category !== 'observer' && input.partner !== undefined) throw leftOut('partner');
    if (category === 'delegation') {
      if (organisation !== null) throw leftOut('organisation');
      const memberStateId = input.memberState
        ? await resolve('member_state', 'memberState', input.memberState)
        : ownGrant('memberStateId');
      if (!memberStateId) throw required('memberState');
      return { memberStateId, partnerId: null, organisation: null };
    }
    if (category === 'observer') {
      const partnerId = input.partner
        ? await resolve('partner', 'partner', input.partner)
        : organisation === null
          ? ownGrant('partnerId')
          : undefined;
      if (!partnerId && organisation === null) throw required('partner');
      return { memberStateId: null, partnerId: partnerId ?? null, organisation };
    }
    if (organisation === null) throw required('organisation');
    return { memberStateId: null, partnerId: null, organisation };
  }

  return {
    async list(ctx: RequestContext, slug: string, query: DelegationListQuery): Promise<DelegationList> {
      delegationsPolicy.require(ctx, 'delegations.read');
      const meeting = await findVisibleMeeting(db, ctx.actor, slug);
      const rows = await listDelegations(db, meeting.id, { ...query, visibleTo: visibleTo(ctx.actor) });
      return {
        lang: ctx.lang,
        items: await presented(meeting, rows, ctx),
        can: registrationAbilities(ctx.actor, meeting, clock()),
      };
    },

    async get(ctx: RequestContext, slug: string, id: string): Promise<Delegation> {
      delegationsPolicy.require(ctx, 'delegations.read');
      const meeting = await findVisibleMeeting(db, ctx.actor, slug);
      await readable(meeting, id, ctx);
      return presentOne(meeting, id, ctx);
    },

    /** Registers a delegation, as a draft or submitted at once, with its whole participant list. */
    async register(ctx: RequestContext, slug: string, input: DelegationCreate): Promise<Delegation> {
      delegationsPolicy.require(ctx, 'delegations.register');
      const meeting = await findVisibleMeeting(db, ctx.actor, slug);
      const who = await target(ctx, input);
      const role = delegationsPolicy.require(ctx, 'delegations.register', {
        memberStateId: who.memberStateId,
        partnerId: who.partnerId,
      });
      const now = clock();
      const phase = registrationPhase(meeting, now);
      if (phase === 'closed') throw notOpen(meeting);
      if (phase === 'late' && !registersAnyTime(ctx.actor)) {
        throw new ProblemError(409, 'registration-deadline', 'delegation.deadline', {
          deadline: meeting.registration_deadline ?? meeting.status,
        });
      }
      const participants = normalized(input.participants);
      if (input.submit) checkComplete(input.category, participants, ctx);
      const at = now.toISOString();
      const id = uuidv7();
      const exists = () => new ProblemError(409, 'delegation-exists', 'delegation.exists');
      try {
        await db.transaction().execute(async (trx) => {
          // The schema makes a state's registration unique; an organisation's is checked here.
          if (who.partnerId && (await findPartnerDelegation(trx, meeting.id, who.partnerId))) throw exists();
          await insertDelegation(trx, {
            id,
            meeting_id: meeting.id,
            category: input.category,
            member_state_id: who.memberStateId,
            partner_id: who.partnerId,
            organisation: who.organisation,
            status: input.submit ? 'submitted' : 'draft',
            return_reason: null,
            credentials_file_id: null,
            submitted_at: input.submit ? at : null,
            decided_at: null,
            decided_by: null,
            created_by: actorId(ctx),
            created_at: at,
            updated_at: at,
          });
          await replaceParticipants(trx, id, participants, at);
          if (input.submit)
            await tellOf(
              trx,
              ctx,
              meeting,
              who.memberStateId
                ? { member_state_id: who.memberStateId, partner_id: null, organisation: null }
                : { member_state_id: null, partner_id: who.partnerId, organisation: who.organisation },
              'delegation-submitted',
              at,
            );
          await recordAudit(
            trx,
            ctx,
            {
              action: 'delegations.register',
              role,
              entityType: 'delegation',
              entityId: id,
              before: null,
              after: await audited(trx, meeting.id, id),
            },
            now,
          );
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw exists();
        throw error;
      }
      return presentOne(meeting, id, ctx);
    },

    /**
     * Replaces the participant list (and an organisation's name). While registration is open the
     * edit applies; after the deadline, or once accredited, a state's edit becomes a change for the
     * secretariat to decide (`applied: false`), replacing any change of theirs still pending; a new
     * one is e-mailed to those who decide it (`onChangeRequested`).
     */
    async update(
      ctx: RequestContext,
      slug: string,
      id: string,
      input: DelegationUpdate,
    ): Promise<{ applied: boolean; delegation: Delegation }> {
      let applied = true;
      // A change request opened by this edit (none was pending), to tell the secretariat of once committed.
      let opened = null as { meeting: MeetingRow; row: DelegationRow } | null;
      const participants = normalized(input.participants);
      const delegation = await edit(
        ctx,
        slug,
        id,
        { action: 'delegations.register', version: input.version },
        async (trx, { meeting, row, phase, at, anyTime }) => {
          if (input.organisation && row.category === 'delegation') {
            throw new InvalidParameterError(
              'organisation',
              'body',
              message(ctx.lang, 'delegation.leftOut', { category: row.category }),
            );
          }
          if (input.submit) checkComplete(row.category, participants, ctx);
          // A state's edit after the deadline, or of a registration already accredited, is a change
          // the secretariat decides: an accredited delegation stays accredited (and on the published
          // list) with its current participants until then.
          if (!anyTime && (phase === 'late' || row.status === 'accredited')) {
            applied = false;
            const payload = JSON.stringify({ participants });
            const pending = await findPendingChange(trx, id);
            if (pending) await replacePendingPayload(trx, pending.id, payload, at);
            else {
              opened = { meeting, row };
              await insertChange(trx, {
                id: uuidv7(),
                delegation_id: id,
                payload,
                status: 'pending',
                reason: null,
                requested_by: actorId(ctx),
                decided_by: null,
                decided_at: null,
                created_at: at,
                updated_at: at,
              });
            }
            return { set: {}, auditAction: 'delegations.request-change' };
          }
          await replaceParticipants(trx, id, participants, at);
          // A state's edit of a registration already sent goes back to the secretariat for review.
          const resubmit = input.submit || (!anyTime && row.status === 'submitted');
          if (resubmit) await tellOf(trx, ctx, meeting, row, 'delegation-submitted', at);
          return {
            set: {
              ...(row.category === 'delegation' ? {} : { organisation: input.organisation || row.organisation }),
              ...(resubmit
                ? { status: 'submitted' as const, submitted_at: at, decided_at: null, decided_by: null }
                : {}),
            },
            auditAction: 'delegations.update',
          };
        },
      );
      // One e-mail per change waiting: a later edit of a change still pending replaces its list,
      // which the secretariat reads when it decides.
      if (opened) await deps.onChangeRequested(ctx, opened.meeting, opened.row);
      return { applied, delegation };
    },

    /** Sends a draft or a returned registration for accreditation. */
    submit(ctx: RequestContext, slug: string, id: string, input: VersionBody): Promise<Delegation> {
      const step = { action: 'delegations.register', from: SUBMIT_FROM } as const;
      return statusStep(ctx, slug, id, input, step, async (trx, { meeting, row, at }) => {
        const list = (await participantsByDelegation(trx, [id])).get(id) ?? [];
        checkComplete(row.category, list, ctx);
        await tellOf(trx, ctx, meeting, row, 'delegation-submitted', at);
        return { set: { status: 'submitted', submitted_at: at }, auditAction: 'delegations.submit' };
      });
    },

    /** Accredits a submitted registration; without credentials only with a stated reason, which
     * the audit entry keeps (`withoutCredentials`). */
    accredit(ctx: RequestContext, slug: string, id: string, input: AccreditBody): Promise<Delegation> {
      const step = { action: 'delegations.accredit', from: ACCREDIT_FROM } as const;
      return statusStep(ctx, slug, id, input, step, async (trx, { meeting, row, at }) => {
        const withoutCredentials = row.credentials_file_id === null;
        if (withoutCredentials && !input.reason) {
          throw new InvalidParameterError('reason', 'body', message(ctx.lang, 'delegation.credentialsReason'));
        }
        await tellOf(trx, ctx, meeting, row, 'delegation-accredited', at);
        return {
          set: { status: 'accredited', return_reason: null, decided_at: at, decided_by: actorId(ctx) },
          auditAction: 'delegations.accredit',
          ...(withoutCredentials ? { auditNote: { withoutCredentials: input.reason } } : {}),
        };
      });
    },

    /** Returns a registration to its state or organisation with the reason, for them to fix and resubmit. */
    giveBack(ctx: RequestContext, slug: string, id: string, input: ReasonBody): Promise<Delegation> {
      const step = { action: 'delegations.accredit', from: RETURN_FROM } as const;
      return statusStep(ctx, slug, id, input, step, async (trx, { meeting, row, at }) => {
        await tellOf(trx, ctx, meeting, row, 'delegation-returned', at, { reason: input.reason });
        return {
          set: { status: 'returned', return_reason: input.reason, decided_at: at, decided_by: actorId(ctx) },
          auditAction: 'delegations.return',
        };
      });
    },

    /** Keeps the uploaded credentials (the note verbale, a PDF) as the delegation's, replacing
     * any earlier file; allowed after the deadline too, as notes verbales often come late. */
    attachCredentials(ctx: RequestContext, slug: string, id: string, version: number | undefined, upload: Upload) {
      if (version === undefined) {
        throw new InvalidParameterError('version', 'body', message(ctx.lang, 'delegation.versionRequired'));
      }
      const transaction = (work: (trx: Transaction<Database>) => Promise<void>, now: Date) =>
        upload.store(db, { createdBy: actorId(ctx), now }, async (trx, file, drop) => {
          stored = { fileId: file.id, drop };
          await work(trx);
        });
      let stored: { fileId: string; drop: DropFile } | null = null;
      return edit(ctx, slug, id, { action: 'delegations.register', version, transaction }, async (_trx, { row }) => {
        // The credentials replaced go once this commits.
        stored?.drop(row.credentials_file_id);
        return { set: { credentials_file_id: stored?.fileId ?? null }, auditAction: 'delegations.credentials' };
      });
    },

    /** The stored credentials of a delegation the caller may read; 404 when there are none. */
    async credentials(ctx: RequestContext, slug: string, id: string) {
      delegationsPolicy.require(ctx, 'delegations.read');
      const meeting = await findVisibleMeeting(db, ctx.actor, slug);
      const row = await readable(meeting, id, ctx);
      const file = row.credentials_file_id ? await findStoredFile(db, row.credentials_file_id) : undefined;
      if (!file) throw new ProblemError(404, 'not-found', 'delegation.noCredentials', { id });
      return file;
    },

    /** Approves (applying its participant list) or rejects (with a reason) a pending change. */
    decideChange(
      ctx: RequestContext,
      slug: string,
      id: string,
      changeId: string,
      verdict: 'approved' | 'rejected',
      input: ChangeDecision,
    ): Promise<Delegation> {
      if (verdict === 'rejected' && !input.reason) {
        throw new InvalidParameterError('reason', 'body', message(ctx.lang, 'delegation.reasonRequired'));
      }
      return edit(
        ctx,
        slug,
        id,
        { action: 'delegations.accredit', version: null },
        async (trx, { meeting, row, at }) => {
          const change = await findChange(trx, id, changeId);
          if (!change) throw new ProblemError(404, 'not-found', 'delegation.changeNotFound', { id: changeId });
          const decided = await decideChange(trx, changeId, {
            status: verdict,
            reason: input.reason ?? null,
            decided_by: actorId(ctx),
            at,
          });
          if (!decided) throw new ProblemError(409, 'change-decided', 'delegation.changeDecided');
          if (verdict === 'approved') await replaceParticipants(trx, id, parsePayload(change.payload), at);
          await tellOf(trx, ctx, meeting, row, 'change-decided', at, { verdict, reason: input.reason ?? null });
          return {
            set: {},
            auditAction: verdict === 'approved' ? 'delegations.approve-change' : 'delegations.reject-change',
          };
        },
      );
    },
  };
}

export type DelegationsService = ReturnType<typeof delegationsService>;
