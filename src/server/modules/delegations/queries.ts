import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { ParticipantInput } from '../../../contract/delegations.js';
import type { Database, ParticipantCategory } from '../../db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

const DELEGATION_COLUMNS = [
  'id',
  'meeting_id',
  'category',
  'member_state_id',
  'partner_id',
  'organisation',
  'status',
  'return_reason',
  'credentials_file_id',
  'submitted_at',
  'decided_at',
  'decided_by',
  'created_by',
  'version',
] as const;
export type DelegationRow = NonNullable<Awaited<ReturnType<typeof findDelegation>>>;

/** Who a caller may see, when not everything: their states' and organisations' delegations. */
export interface VisibleTo {
  memberStateIds: string[];
  partnerIds: string[];
}

export interface DelegationFilters {
  status?: DelegationRow['status'] | undefined;
  category?: ParticipantCategory | undefined;
  /** Absent: every delegation (the secretariat). */
  visibleTo?: VisibleTo | undefined;
}

export function listDelegations(db: Db, meetingId: string, filters: DelegationFilters) {
  let query = db
    .selectFrom('delegation')
    .select(DELEGATION_COLUMNS)
    .where('meeting_id', '=', meetingId)
    .orderBy('category')
    .orderBy('created_at')
    .orderBy('id');
  if (filters.status) query = query.where('status', '=', filters.status);
  if (filters.category) query = query.where('category', '=', filters.category);
  const { visibleTo } = filters;
  if (visibleTo) {
    query = query.where((eb) =>
      eb.or([
        ...(visibleTo.memberStateIds.length > 0 ? [eb('member_state_id', 'in', visibleTo.memberStateIds)] : []),
        ...(visibleTo.partnerIds.length > 0 ? [eb('partner_id', 'in', visibleTo.partnerIds)] : []),
        // A caller with neither sees nothing.
        sql<boolean>`1 = 0`,
      ]),
    );
  }
  return query.execute();
}

export function findDelegation(db: Db, meetingId: string, id: string) {
  return db
    .selectFrom('delegation')
    .select(DELEGATION_COLUMNS)
    .where('meeting_id', '=', meetingId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** An observer registration of `partnerId` at the meeting, if any (the schema allows one per state only). */
export function findPartnerDelegation(db: Db, meetingId: string, partnerId: string) {
  return db
    .selectFrom('delegation')
    .select('id')
    .where('meeting_id', '=', meetingId)
    .where('partner_id', '=', partnerId)
    .executeTakeFirst();
}

export function participantsOf(db: Db, delegationIds: readonly string[]) {
  if (delegationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('participant')
    .select(['delegation_id', 'role', 'name', 'title', 'institution', 'email'])
    .where('delegation_id', 'in', [...delegationIds])
    .orderBy('delegation_id')
    .orderBy('position')
    .execute();
}

export function changesOf(db: Db, delegationIds: readonly string[]) {
  if (delegationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('delegation_change')
    .select(['id', 'delegation_id', 'payload', 'status', 'reason', 'created_at', 'decided_at'])
    .where('delegation_id', 'in', [...delegationIds])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function insertDelegation(db: Db, row: Insertable<Database['delegation']>) {
  await db.insertInto('delegation').values(row).execute();
}

/** Replaces the whole participant list of a delegation, in the order given. */
export async function replaceParticipants(db: Db, delegationId: string, list: readonly ParticipantInput[], at: string) {
  await db.deleteFrom('participant').where('delegation_id', '=', delegationId).execute();
  if (list.length === 0) return;
  await db
    .insertInto('participant')
    .values(
      list.map((p, position) => ({
        id: uuidv7(),
        delegation_id: delegationId,
        position,
        role: p.role,
        name: p.name,
        title: p.title ?? null,
        institution: p.institution ?? null,
        email: p.email ?? null,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
}

export function findPendingChange(db: Db, delegationId: string) {
  return db
    .selectFrom('delegation_change')
    .select(['id', 'payload'])
    .where('delegation_id', '=', delegationId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

export function findChange(db: Db, delegationId: string, id: string) {
  return db
    .selectFrom('delegation_change')
    .select(['id', 'payload', 'status'])
    .where('delegation_id', '=', delegationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertChange(db: Db, row: Insertable<Database['delegation_change']>) {
  await db.insertInto('delegation_change').values(row).execute();
}

export async function replacePendingPayload(db: Db, id: string, payload: string, at: string) {
  await db.updateTable('delegation_change').set({ payload, updated_at: at }).where('id', '=', id).execute();
}

/** Decides a pending change; false when it was decided meanwhile. */
export async function decideChange(
  db: Db,
  id: string,
  decision: { status: 'approved' | 'rejected'; reason: string | null; decided_by: string | null; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('delegation_change')
    .set({
      status: decision.status,
      reason: decision.reason,
      decided_by: decision.decided_by,
      decided_at: decision.at,
      updated_at: decision.at,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The meeting's settings this module reads beyond the shared lookup. */
export function meetingSettings(db: Db, meetingId: string) {
  return db
    .selectFrom('meeting')
    .select(['participant_visibility', 'version'])
    .where('id', '=', meetingId)
    .executeTakeFirstOrThrow();
}

/** Partners by id with their slug (names come from the translation table). */
export function partnersByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('partner')
    .select(['id', 'slug'])
    .where('id', 'in', [...ids])
    .execute();
}

export function findStoredFile(db: Db, id: string) {
  return db.selectFrom('stored_file').selectAll().where('id', '=', id).executeTakeFirst();
}

/** What a delegation shows of its stored files (its credentials), for many at once. */
export function storedFilesByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('stored_file')
    .select(['id', 'original_name', 'size', 'media_type', 'created_at'])
    .where('id', 'in', [...ids])
    .execute();
}
