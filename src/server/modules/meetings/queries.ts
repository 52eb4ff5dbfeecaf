import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Role } from '../../../contract/accounts.js';
import type { Database, MeetingKind, MeetingTable } from '../../db/schema.js';
import { lockSeries } from '../../db/series-lock.js';
import { after, type SortKey } from '../../http/pagination.js';
import { linkedToPillar } from '../shared/pillar-filter.js';
import { activeHoldersOf } from '../shared/recipients.js';

type Db = Kysely<Database>;

/** A state counts as registered for a meeting once its delegation is submitted or accredited. */
export const REGISTERED = ['submitted', 'accredited'] as const;

export interface MeetingFilters {
  pillarId?: string | undefined;
  hostStateId?: string | undefined;
  year?: number | undefined;
  kind?: MeetingKind | undefined;
  /** Drafts are listed only for those who may read them. */
  includeDrafts?: boolean;
}

const columns = [
  'id',
  'updated_at',
  'slug',
  'number',
  'ordinal',
  'host_state_id',
  'city',
  'start_date',
  'end_date',
  'managed_by',
  'kind',
  'status',
  'format',
  'technical_group_id',
  'prepares_meeting_id',
  'venue',
  'online_url',
  'time_zone',
  'starts_at',
  'ends_at',
  'registration_deadline',
  'reminder_sent_at',
  'working_langs',
  'version',
] as const;
export type MeetingRow = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

/** Meetings in the order they were held, `limit + 1` of them so the caller knows if more follow. */
export function listMeetings(db: Db, filters: MeetingFilters, limit: number, cursor?: SortKey) {
  let query = db
    .selectFrom('meeting')
    .select(columns)
    .orderBy('ordinal')
    .limit(limit + 1);
  if (cursor) query = query.where((eb) => after(eb, ['ordinal'], cursor));
  if (!filters.includeDrafts) query = query.where('status', '<>', 'draft');
  if (filters.hostStateId) query = query.where('host_state_id', '=', filters.hostStateId);
  if (filters.kind) query = query.where('kind', '=', filters.kind);
  if (filters.year) {
    query = query.where('start_date', '>=', `${filters.year}-01-01`).where('start_date', '<=', `${filters.year}-12-31`);
  }
  const { pillarId } = filters;
  if (pillarId) {
    // A meeting addresses a pillar through what it adopted or created, or by its own say (platform meetings).
    query = query.where((eb) =>
      eb.or([
        linkedToPillar(eb, 'meeting', 'meeting.id', pillarId),
        eb.exists(
          eb
            .selectFrom('document')
            .whereRef('document.meeting_id', '=', 'meeting.id')
            .where((inner) => linkedToPillar(inner, 'document', 'document.id', pillarId))
            .select('document.id'),
        ),
        eb.exists(
          eb
            .selectFrom('technical_group')
            .whereRef('technical_group.created_at_meeting_id', '=', 'meeting.id')
            .where((inner) => linkedToPillar(inner, 'technical_group', 'technical_group.id', pillarId))
            .select('technical_group.id'),
        ),
      ]),
    );
  }
  return query.execute();
}

export function findMeeting(db: Db, idOrSlug: string) {
  return db
    .selectFrom('meeting')
    .select(columns)
    .where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)]))
    .executeTakeFirst();
}

/** Technical groups and networks each meeting created or presented. */
export async function bodiesOfMeetings(db: Db, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return { groups: [], networks: [] };
  const [groups, networks] = await Promise.all([
    db
      .selectFrom('technical_group')
      .select(['id', 'slug', 'created_at_meeting_id as meeting_id'])
      .where('created_at_meeting_id', 'in', meetingIds)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('network')
      .select(['id', 'slug', 'kind', 'acronym', 'origin_meeting_id as meeting_id', 'origin_relation'])
      .where('origin_meeting_id', 'in', meetingIds)
      .orderBy('position')
      .execute(),
  ]);
  return { groups, networks };
}

type Writer = Kysely<Database> | Transaction<Database>;

/** Every name of these meetings, in every language it was given in. */
/** Pillars linked to the meeting itself (platform meetings say which pillars they address). */
export function pillarCodesOf(db: Db, meetingId: string) {
  return db
    .selectFrom('pillar_link')
    .innerJoin('pillar', 'pillar.id', 'pillar_link.pillar_id')
    .select(['pillar.id', 'pillar.code'])
    .where('pillar_link.entity_type', '=', 'meeting')
    .where('pillar_link.entity_id', '=', meetingId)
    .orderBy('pillar.position')
    .execute();
}

export async function nextOrdinal(db: Writer): Promise<number> {
  await lockSeries(db, 'meeting.ordinal');
  const row = await db
    .selectFrom('meeting')
    .select((eb) => eb.fn.max('ordinal').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

export async function slugTaken(db: Writer, slug: string): Promise<boolean> {
  return (await db.selectFrom('meeting').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;
}

export function insertMeeting(trx: Transaction<Database>, row: Insertable<MeetingTable>) {
  return trx.insertInto('meeting').values(row).execute();
}

/** Ids of the records named by these slugs (unknown slugs are absent from the map). */
export async function idsBySlug(db: Db, table: 'member_state' | 'technical_group', slugs: readonly string[]) {
  if (slugs.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom(table).select(['id', 'slug']).where('slug', 'in', slugs).execute();
  return new Map(rows.map((r) => [r.slug, r.id]));
}

export async function slugsById(db: Db, table: 'member_state' | 'technical_group', ids: ReadonlyArray<string | null>) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom(table).select(['id', 'slug']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.slug]));
}

/**
 * Active focal points (an unrevoked grant of one of `roles`, bound to a state; an active account),
 * each once, with their language; only those of states without a submitted or accredited delegation to `withoutDelegationTo`.
 */
export function focalPoints(db: Db, roles: readonly Role[], withoutDelegationTo?: string) {
  let query = activeHoldersOf(db, roles);
  if (withoutDelegationTo) {
    query = query.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('delegation')
            .select('delegation.id')
            .whereRef('delegation.member_state_id', '=', 'role_grant.member_state_id')
            .where('delegation.meeting_id', '=', withoutDelegationTo)
            .where('delegation.status', 'in', REGISTERED),
        ),
      ),
    );
  }
  return query.orderBy('app_user.email').execute();
}

/** Meetings whose reminder is due at `now`: registration open, deadline within `before`, none sent. */
export function meetingsDueForReminder(db: Db, now: string, horizon: string) {
  return db
    .selectFrom('meeting')
    .select(columns)
    .where('status', '=', 'registration-open')
    .where('reminder_sent_at', 'is', null)
    .where('registration_deadline', '>', now)
    .where('registration_deadline', '<=', horizon)
    .execute();
}

/** Claims the reminder of a meeting: of two processes racing, exactly one gets true. */
export async function claimReminder(trx: Transaction<Database>, id: string, at: string): Promise<boolean> {
  const result = await trx
    .updateTable('meeting')
    .set({ reminder_sent_at: at })
    .where('id', '=', id)
    .where('reminder_sent_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Every meeting the public calendar lists (drafts never), in order. */
export function calendarMeetings(db: Db) {
  return db.selectFrom('meeting').select(columns).where('status', '<>', 'draft').orderBy('ordinal').execute();
}

/** Each meeting's states not registered yet: (meeting, state) pairs. */
export function unregisteredStates(db: Db, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('meeting')
    .crossJoin('member_state')
    .select(['meeting.id as meetingId', 'member_state.id as stateId', 'member_state.slug'])
    .where('meeting.id', 'in', meetingIds)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('delegation')
            .select('delegation.id')
            .whereRef('delegation.meeting_id', '=', 'meeting.id')
            .whereRef('delegation.member_state_id', '=', 'member_state.id')
            .where('delegation.category', '=', 'delegation')
            .where('delegation.status', 'in', REGISTERED),
        ),
      ),
    )
    .orderBy('member_state.slug')
    .execute();
}

/** The meeting `preparesId` names, and the preparatory meetings that name `meetingId`, in order;
 * drafts only with `includeDrafts`. */
export async function preparationOf(db: Db, meetingId: string, preparesId: string | null, includeDrafts: boolean) {
  let query = db
    .selectFrom('meeting')
    .select(['id', 'slug', 'number', 'kind', 'start_date', 'prepares_meeting_id'])
    .where((eb) =>
      eb.or([eb('prepares_meeting_id', '=', meetingId), ...(preparesId ? [eb('id', '=', preparesId)] : [])]),
    )
    .orderBy('ordinal');
  if (!includeDrafts) query = query.where('status', '<>', 'draft');
  const rows = await query.execute();
  return {
    prepares: rows.find((r) => r.id === preparesId) ?? null,
    preparedBy: rows.filter((r) => r.id !== preparesId),
  };
}

/** A ministerial meeting's id by its slug (what a preparatory meeting may prepare). */
export async function ministerialIdBySlug(db: Db, slug: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('meeting')
    .select('id')
    .where('slug', '=', slug)
    .where('kind', '=', 'ministerial')
    .executeTakeFirst();
  return row?.id;
}
