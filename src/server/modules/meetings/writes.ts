import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Lang } from '../../../contract/common.js';
import type { MeetingCreateSchema, MeetingDetail, MeetingUpdate } from '../../../contract/meetings.js';
import {
  earliestAllowed,
  type MeetingShape,
  meetingProblems,
  TRANSITIONS,
  type Transition,
  transitionsFrom,
} from '../../../domain/meetings.js';
import { wallClock, zonedToInstant } from '../../../domain/time-zones.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { Database, MeetingStatus } from '../../db/schema.js';
import { ConflictError, InvalidParameterError, ProblemError, type ProblemValues } from '../../http/problems.js';
import { message } from '../../i18n/messages.js';
import type { RequestContext } from '../../policy/actor.js';
import { rolesAllowed } from '../../policy/policy.js';
import { recordAudit } from '../audit/index.js';
import { type NotificationEvent, notify } from '../notifications/index.js';
import { updateUnchanged } from '../shared/concurrency.js';
import { pillarIdsByCode, replacePillarLinks } from '../shared/refs.js';
import { slugify } from '../shared/slugify.js';
import { replaceTexts } from '../shared/texts.js';
import { versionedWrites } from '../shared/versioned-write.js';
import { meetingsPolicy } from './policy.js';
import {
  findMeeting,
  idsBySlug,
  insertMeeting,
  type MeetingRow,
  ministerialIdBySlug,
  nextOrdinal,
  pillarCodesOf,
  preparationOf,
  slugsById,
  slugTaken,
} from './queries.js';
import { isOpenForEdits, type MeetingsService } from './service.js';
import { findVisibleMeeting } from './visibility.js';

type MeetingCreate = import('zod').output<typeof MeetingCreateSchema>;

/** Who is told of a meeting's steps: those who register their own state's delegation (a draft
 * meeting is theirs to see only from its convening on, which is the first step told). */
const REGISTRANT_ROLES = rolesAllowed('delegations.register', 'own-state');

/** The steps told of, and the page each notice opens. */
const TOLD_OF: Partial<Record<Transition, { kind: NotificationEvent['kind']; page: string }>> = {
  convene: { kind: 'meeting-convened', page: '' },
  'open-registration': { kind: 'registration-opened', page: '/registration' },
  'close-registration': { kind: 'registration-closed', page: '/registration' },
};
/**
 * A change refused because of the meeting's state: a stale version, or a transition the lifecycle
 * does not allow now. The reply carries the current version, status and allowed transitions, and
 * the meeting as it is, so the client can show the difference instead of overwriting it.
 */
const meetingConflict = <Key extends 'meeting.stale' | 'meeting.transition'>(
  kind: 'stale-version' | 'invalid-transition',
  messageKey: Key,
  values: ProblemValues<Key>,
  current: MeetingDetail,
) =>
  new ConflictError(messageKey, values, current.version, current, {
    kind,
    members: { currentStatus: current.status, allowedTransitions: current.allowedTransitions },
  });

/** The audit trail's view of a meeting: what identifies it and what an edit may change. */
const audited = (row: Partial<MeetingRow>, extra: Record<string, unknown> = {}) => ({
  slug: row.slug,
  kind: row.kind,
  status: row.status,
  format: row.format,
  hostStateId: row.host_state_id,
  technicalGroupId: row.technical_group_id,
  preparesMeetingId: row.prepares_meeting_id,
  city: row.city,
  venue: row.venue,
  onlineUrl: row.online_url,
  timeZone: row.time_zone,
  startsAt: row.starts_at,
  endsAt: row.ends_at,
  registrationDeadline: row.registration_deadline,
  workingLangs: row.working_langs,
  version: row.version,
  ...extra,
});

/** The columns a coherent meeting shape (already checked by meetingProblems) is stored in. */
function timeColumns(shape: MeetingShape) {
  const instant = (local: string) => (zonedToInstant(local, shape.timeZone) as Date).toISOString();
  return {
    time_zone: shape.timeZone,
    starts_at: instant(shape.start),
    ends_at: instant(shape.end),
    registration_deadline: instant(shape.registrationDeadline),
    // The venue's calendar dates, as the historic meetings record them (lists, year filter).
    start_date: shape.start.slice(0, 10),
    end_date: shape.end.slice(0, 10),
  };
}

export function meetingWrites(deps: {
  db: Kysely<Database>;
  clock: () => Date;
  read: MeetingsService;
  /** Called after a meeting is convened and committed: the convocation e-mails. */
  onConvened: (meeting: MeetingRow) => Promise<void>;
}) {
  const { db, clock, read } = deps;
  const versionedWrite = versionedWrites({ db, clock });

  /** Slugs, codes → ids, refusing unknown ones with the field and what exists. */
  async function resolveReferences(
    lang: Lang,
    input: { hostState?: string | null; technicalGroup?: string | null; prepares?: string | null; pillars?: string[] },
  ) {
    const unknown = (field: string, what: 'member-state' | 'technical-group' | 'pillar', slug: string) =>
      new InvalidParameterError(
        field,
        'body',
        message(lang, 'grant.unknown', { what: message(lang, `entity.${what}`), slug }),
      );
    const [states, groups, pillars, prepares] = await Promise.all([
      idsBySlug(db, 'member_state', input.hostState ? [input.hostState] : []),
      idsBySlug(db, 'technical_group', input.technicalGroup ? [input.technicalGroup] : []),
      pillarIdsByCode(db, input.pillars ?? []),
      input.prepares ? ministerialIdBySlug(db, input.prepares) : undefined,
    ]);
    if (input.prepares && !prepares) {
      throw new InvalidParameterError('prepares', 'body', message(lang, 'reason.meeting.preparesMinisterial'));
    }
    if (input.hostState && !states.has(input.hostState)) throw unknown('hostState', 'member-state', input.hostState);
    if (input.technicalGroup && !groups.has(input.technicalGroup)) {
      throw unknown('technicalGroup', 'technical-group', input.technicalGroup);
    }
    for (const [i, code] of (input.pillars ?? []).entries()) {
      if (!pillars.has(code)) throw unknown(`pillars.${i}`, 'pillar', code);
    }
    return {
      hostStateId: input.hostState ? (states.get(input.hostState) ?? null) : null,
      technicalGroupId: input.technicalGroup ? (groups.get(input.technicalGroup) ?? null) : null,
      preparesMeetingId: prepares ?? null,
      pillarIds: (input.pillars ?? []).map((code) => pillars.get(code) as string),
    };
  }

  async function freeSlug(input: MeetingCreate): Promise<string> {
    if (input.kind === 'ministerial') {
      const slug = `mispa-${(input.number as string).toLowerCase()}`;
      if (await slugTaken(db, slug)) throw new ProblemError(409, 'meeting-exists', 'meeting.exists', { slug });
      return slug;
    }
    const name = Object.values(input.name).find((n) => n !== undefined) as string;
    const base = `${slugify(name, 'meeting')}-${input.start.slice(0, 4)}`;
    for (let n = 1; n <= 100; n++) {
      const slug = n === 1 ? base : `${base}-${n}`;
      if (!(await slugTaken(db, slug))) return slug;
    }
    throw new ProblemError(409, 'meeting-exists', 'meeting.exists', { slug: base });
  }

  /** The meeting as `actor` sees it now, for the body of a 409. */
  async function currentDetail(id: string, ctx: RequestContext): Promise<MeetingDetail> {
    const row = await findMeeting(db, id);
    if (!row) throw new Error(`meeting ${id} vanished`);
    return read.detail(row, ctx.lang, ctx.actor);
  }

  async function staleVersion(row: MeetingRow, sent: number, ctx: RequestContext): Promise<never> {
    const current = await currentDetail(row.id, ctx);
    throw meetingConflict(
      'stale-version',
      'meeting.stale',
      { sent: String(sent), current: String(current.version) },
      current,
    );
  }

  function refuseUnlessEditable(row: MeetingRow) {
    if (isOpenForEdits(row)) return;
    if (row.managed_by !== 'platform')
      throw new ProblemError(409, 'meeting-read-only', 'meeting.readOnly', { slug: row.slug });
    throw new ProblemError(409, 'meeting-closed', 'meeting.closed', { slug: row.slug, status: row.status });
  }

  /**
   * The meeting's columns after an edit, checked as a whole (the edit merged into the meeting as
   * it is: a 400 on the field that breaks it), with the pillars' ids.
   */
  async function updatedColumns(lang: Lang, row: MeetingRow, input: MeetingUpdate, now: Date) {
    const [hostSlugs, groupSlugs, pillarRows, prepared] = await Promise.all([
      slugsById(db, 'member_state', [row.host_state_id]),
      slugsById(db, 'technical_group', [row.technical_group_id]),
      pillarCodesOf(db, row.id),
      preparationOf(db, row.id, row.prepares_meeting_id, true),
    ]);
    const zone = row.time_zone as string;
    const local = (instant: string | null) => wallClock(new Date(instant as string), zone).slice(0, 16);
    const pick = <K extends keyof MeetingUpdate>(key: K, fallback: MeetingUpdate[K]) =>
      input[key] === undefined ? fallback : input[key];
    const merged = {
      kind: row.kind,
      number: row.number || null,
      technicalGroup: pick('technicalGroup', row.technical_group_id ? groupSlugs.get(row.technical_group_id) : null),
      prepares: pick('prepares', prepared.prepares?.slug ?? null),
      hostState: pick('hostState', row.host_state_id ? hostSlugs.get(row.host_state_id) : null),
      city: pick('city', row.city),
      format: pick('format', row.format ?? 'in-person') as MeetingShape['format'],
      venue: pick('venue', row.venue),
      onlineUrl: pick('onlineUrl', row.online_url),
      timeZone: pick('timeZone', zone) as string,
      start: pick('start', local(row.starts_at)) as string,
      end: pick('end', local(row.ends_at)) as string,
      registrationDeadline: pick('registrationDeadline', local(row.registration_deadline)) as string,
      workingLangs: pick('workingLangs', JSON.parse(row.working_langs ?? '[]')) as Lang[],
      pillars: pick(
        'pillars',
        pillarRows.map((p) => p.code),
      ) as string[],
    };
    const [problem] = meetingProblems(merged);
    if (problem) throw new InvalidParameterError(problem.name, 'body', problem.reason);
    const refs = await resolveReferences(lang, merged);
    const columns = {
      host_state_id: refs.hostStateId,
      technical_group_id: refs.technicalGroupId,
      prepares_meeting_id: refs.preparesMeetingId,
      city: merged.city ?? null,
      format: merged.format,
      venue: merged.format === 'virtual' ? null : (merged.venue ?? null),
      online_url: merged.format === 'in-person' ? null : (merged.onlineUrl ?? null),
      working_langs: JSON.stringify(merged.workingLangs),
      ...timeColumns(merged),
      updated_at: now.toISOString(),
    };
    return { columns, pillarIds: refs.pillarIds };
  }

  return {
    async create(ctx: RequestContext, input: MeetingCreate): Promise<MeetingDetail> {
      const role = meetingsPolicy.require(ctx, 'meetings.create');
      const refs = await resolveReferences(ctx.lang, input);
      const now = clock();
      const at = now.toISOString();
      const id = uuidv7();
      // Two creations racing for the same ordinal: the unique constraint refuses one, which retries.
      for (let attempt = 0; ; attempt++) {
        const slug = await freeSlug(input);
        try {
          await db.transaction().execute(async (trx) => {
            const row = {
              id,
              slug,
              number: input.kind === 'ministerial' ? (input.number as string) : '',
              ordinal: await nextOrdinal(trx),
              host_state_id: refs.hostStateId,
              city: input.city ?? null,
              managed_by: 'platform' as const,
              kind: input.kind,
              status: 'draft' as const,
              format: input.format,
              technical_group_id: refs.technicalGroupId,
              prepares_meeting_id: refs.preparesMeetingId,
              venue: input.format === 'virtual' ? null : (input.venue ?? null),
              online_url: input.format === 'in-person' ? null : (input.onlineUrl ?? null),
              working_langs: JSON.stringify(input.workingLangs),
              ...timeColumns(input),
              created_at: at,
              updated_at: at,
            };
            await insertMeeting(trx, row);
            await replaceTexts(trx, 'meeting', id, 'name', input.name, at);
            await replacePillarLinks(trx, 'meeting', id, refs.pillarIds, at);
            await recordAudit(
              trx,
              ctx,
              {
                action: 'meetings.create',
                role,
                entityType: 'meeting',
                entityId: id,
                before: null,
                after: audited({ ...row, version: 1 }, { names: input.name, pillars: input.pillars }),
              },
              now,
            );
          });
          break;
        } catch (error) {
          if (!isUniqueViolation(error) || attempt >= 3) throw error;
        }
      }
      return currentDetail(id, ctx);
    },

    async update(ctx: RequestContext, slug: string, input: MeetingUpdate, ifMatch: number | undefined) {
      const version = requiredVersion(ctx.lang, input.version, ifMatch);
      // Nothing to change: no new version, no audit entry.
      const unchanged = Object.keys(input).every((key) => key === 'version');
      return versionedWrite(ctx, {
        find: () => findVisibleMeeting(db, ctx.actor, slug),
        require: () => meetingsPolicy.require(ctx, 'meetings.update'),
        refuse: refuseUnlessEditable,
        sent: version,
        version: (row) => row.version,
        stale: (row) => staleVersion(row, version, ctx),
        prepare: (row, now) => (unchanged ? null : updatedColumns(ctx.lang, row, input, now)),
        async change(trx, row, changes) {
          if (changes === null) return null;
          const open = { status: ['draft', 'convened', 'registration-open', 'registration-closed', 'in-session'] };
          if (!(await updateUnchanged(trx, 'meeting', row.id, { version }, changes.columns, open))) return false;
          if (input.name) await replaceTexts(trx, 'meeting', row.id, 'name', input.name, changes.columns.updated_at);
          if (input.pillars)
            await replacePillarLinks(trx, 'meeting', row.id, changes.pillarIds, changes.columns.updated_at);
          return {
            action: 'meetings.update',
            entityType: 'meeting',
            entityId: row.id,
            before: audited(row),
            after: audited(
              { ...row, ...changes.columns, version: version + 1 },
              { names: input.name, pillars: input.pillars },
            ),
          };
        },
        present: (row) => currentDetail(row.id, ctx),
      });
    },

    /** Makes the step `name` of the lifecycle; one the meeting's dates do not allow yet only as an
     * `override` with its reason (a secretariat administrator's, audited as `meetings.override.<name>`). */
    async transition(
      ctx: RequestContext,
      slug: string,
      name: Transition,
      sentVersion: number | undefined,
      override?: { reason: string | undefined },
    ) {
      const action = `meetings.${name}` as const;
      const { from, to } = TRANSITIONS[name];
      const allows = (row: MeetingRow) => (from as readonly MeetingStatus[]).includes(row.status);
      const after = await versionedWrite(ctx, {
        find: () => findVisibleMeeting(db, ctx.actor, slug),
        require: () => meetingsPolicy.require(ctx, action),
        refuse(row) {
          if (row.managed_by !== 'platform') {
            throw new ProblemError(409, 'meeting-read-only', 'meeting.readOnly', { slug: row.slug });
          }
        },
        sent: sentVersion,
        version: (row) => row.version,
        stale: (row) => staleVersion(row, sentVersion ?? row.version, ctx),
        // Changed meanwhile: answer from the meeting as it is now.
        async raced(row) {
          const fresh = (await findMeeting(db, row.id)) as MeetingRow;
          if (allows(fresh)) await staleVersion(row, row.version, ctx);
          return refuseTransition(fresh, name, ctx);
        },
        async prepare(row, now) {
          if (!allows(row)) await refuseTransition(row, name, ctx);
          // Too early for the meeting's dates: only a stated override makes the step.
          const earliest = earliestAllowed(name, row.starts_at);
          if (earliest === null || now.toISOString() >= earliest) return { early: false };
          if (!override) throw tooEarly(row, name, earliest, ctx);
          meetingsPolicy.require(ctx, 'meetings.override');
          if (!override.reason) {
            throw new InvalidParameterError('reason', 'body', message(ctx.lang, 'meeting.overrideReason'));
          }
          return { early: true };
        },
        async change(trx, row, { early }, now) {
          const seen = { version: row.version };
          const patch = { status: to, updated_at: now.toISOString() };
          if (!(await updateUnchanged(trx, 'meeting', row.id, seen, patch, { status: from }))) return false;
          const told = TOLD_OF[name];
          if (told) {
            await notify(
              trx,
              {
                kind: told.kind,
                to: { roles: REGISTRANT_ROLES },
                meetingId: row.id,
                path: `meetings/${row.slug}${told.page}`,
                // The convocation is its own e-mail (convocation.ts): the notice adds none.
                mailed: name === 'convene',
              },
              now,
            );
          }
          return {
            action: early ? (`meetings.override.${name}` as const) : action,
            entityType: 'meeting',
            entityId: row.id,
            before: { status: row.status, version: row.version },
            after: { status: to, version: row.version + 1, ...(early ? { overrideReason: override?.reason } : {}) },
          };
        },
        present: async (row) => (await findMeeting(db, row.id)) as MeetingRow,
      });
      if (name === 'convene') await deps.onConvened(after);
      return read.detail(after, ctx.lang, ctx.actor);
    },
  };

  /** The 409 of a step the meeting's dates do not allow yet: when it is allowed, at the venue's
   * clock, and whether this caller may override it. */
  function tooEarly(row: MeetingRow, name: Transition, earliest: string, ctx: RequestContext) {
    const zone = row.time_zone ?? 'UTC';
    return new ConflictError(
      'meeting.tooEarly',
      { transition: name, earliest: `${wallClock(new Date(earliest), zone).slice(0, 16).replace('T', ' ')} (${zone})` },
      row.version,
      undefined,
      {
        kind: 'meeting-too-early',
        members: { earliestAt: earliest, canOverride: meetingsPolicy.can(ctx.actor, 'meetings.override') },
      },
    );
  }

  async function refuseTransition(row: MeetingRow, name: Transition, ctx: RequestContext): Promise<never> {
    // The detail says what the lifecycle allows; the reply's allowedTransitions what this caller may do.
    const allowed = transitionsFrom(row.status);
    throw meetingConflict(
      'invalid-transition',
      'meeting.transition',
      {
        transition: name,
        status: row.status,
        allowed: allowed.length > 0 ? allowed.join(', ') : message(ctx.lang, 'meeting.noTransition'),
      },
      await currentDetail(row.id, ctx),
    );
  }
}

/** The version an edit was made from: in the body or as If-Match; both must agree. */
function requiredVersion(lang: Lang, body: number | undefined, ifMatch: number | undefined): number {
  if (body !== undefined && ifMatch !== undefined && body !== ifMatch) {
    throw new InvalidParameterError('version', 'body', message(lang, 'meeting.versionMismatch'));
  }
  const version = body ?? ifMatch;
  if (version === undefined)
    throw new InvalidParameterError('version', 'body', message(lang, 'meeting.versionRequired'));
  return version;
}
