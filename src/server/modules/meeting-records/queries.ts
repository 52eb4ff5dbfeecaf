import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { updateUnchanged } from '../shared/concurrency.js';

type Db = Kysely<Database> | Transaction<Database>;
type Kind = 'minutes' | 'report';

const RECORD_COLUMNS = [
  'id',
  'meeting_id',
  'kind',
  'version',
  'status',
  'lang',
  'body',
  'created_at',
  'updated_at',
] as const;
export type RecordRow = NonNullable<Awaited<ReturnType<typeof latestRecord>>>;

/** Every version of the meeting's records, newest first, without their bodies. */
export function listVersions(db: Db, meetingId: string) {
  return db
    .selectFrom('meeting_record')
    .select(['kind', 'version', 'status', 'lang', 'created_at', 'updated_at'])
    .where('meeting_id', '=', meetingId)
    .orderBy('kind')
    .orderBy('version', 'desc')
    .execute();
}

export function latestRecord(db: Db, meetingId: string, kind: Kind) {
  return db
    .selectFrom('meeting_record')
    .select(RECORD_COLUMNS)
    .where('meeting_id', '=', meetingId)
    .where('kind', '=', kind)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function findVersion(db: Db, meetingId: string, kind: Kind, version: number) {
  return db
    .selectFrom('meeting_record')
    .select(RECORD_COLUMNS)
    .where('meeting_id', '=', meetingId)
    .where('kind', '=', kind)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function insertRecord(db: Db, row: Insertable<Database['meeting_record']>) {
  await db.insertInto('meeting_record').values(row).execute();
}

/** Changes a version only if it was last changed at `updatedAt` and is not final (a final one is
 * locked); false when someone came first. */
export function updateRecord(
  db: Db,
  id: string,
  updatedAt: string,
  patch: { status?: 'draft' | 'shared' | 'final'; lang?: string; body?: string; updated_at: string },
): Promise<boolean> {
  return updateUnchanged(db, 'meeting_record', id, { updatedAt }, patch, { status: ['draft', 'shared'] });
}

/** The comments of a version, oldest first; `states` limits them to those states' (null: all). */
export function listComments(db: Db, recordId: string, states: readonly string[] | null) {
  let query = db
    .selectFrom('meeting_record_comment')
    .leftJoin('app_user', 'app_user.id', 'meeting_record_comment.author_user_id')
    .leftJoin('member_state', 'member_state.id', 'meeting_record_comment.member_state_id')
    .select([
      'meeting_record_comment.id',
      'meeting_record_comment.body',
      'meeting_record_comment.created_at',
      'app_user.display_name',
      'member_state.slug as state',
    ])
    .where('meeting_record_comment.record_id', '=', recordId)
    .orderBy('meeting_record_comment.created_at')
    .orderBy('meeting_record_comment.id');
  if (states !== null) {
    if (states.length === 0) return Promise.resolve([]);
    query = query.where('meeting_record_comment.member_state_id', 'in', states);
  }
  return query.execute();
}

export async function insertComment(db: Db, row: Insertable<Database['meeting_record_comment']>) {
  await db.insertInto('meeting_record_comment').values(row).execute();
}

const DECISION_COLUMNS = [
  'meeting_decision.id',
  'meeting_decision.position',
  'meeting_decision.lang',
  'meeting_decision.text',
  'meeting_decision.document_id',
  'meeting_decision.meeting_document_id',
  'meeting_decision.updated_at',
  'document.slug as document_slug',
  'document.symbol as document_symbol',
  'meeting_document_revision.symbol as meeting_document_symbol',
] as const;

/** The decisions in order, with what they link to (a meeting document by its original's symbol). */
export function listDecisions(db: Db, meetingId: string) {
  return db
    .selectFrom('meeting_decision')
    .leftJoin('document', 'document.id', 'meeting_decision.document_id')
    .leftJoin('meeting_document_revision', (join) =>
      join
        .onRef('meeting_document_revision.document_id', '=', 'meeting_decision.meeting_document_id')
        .on('meeting_document_revision.revision', '=', 0),
    )
    .select(DECISION_COLUMNS)
    .where('meeting_decision.meeting_id', '=', meetingId)
    .orderBy('meeting_decision.position')
    .orderBy('meeting_decision.id')
    .execute();
}
export type DecisionRow = Awaited<ReturnType<typeof listDecisions>>[number];

export async function insertDecision(db: Db, row: Insertable<Database['meeting_decision']>) {
  await db.insertInto('meeting_decision').values(row).execute();
}

export function documentBySlug(db: Db, slug: string) {
  return db.selectFrom('document').select(['id', 'status']).where('slug', '=', slug).executeTakeFirst();
}

export function groupByIdOrSlug(db: Db, idOrSlug: string) {
  return db
    .selectFrom('technical_group')
    .select(['id', 'slug'])
    .where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)]))
    .executeTakeFirst();
}

/** The newest final minutes of each of the group's meetings (drafts left out), in meeting order. */
export function groupFinalMinutes(db: Db, groupId: string) {
  return db
    .selectFrom('meeting')
    .innerJoin('meeting_record', 'meeting_record.meeting_id', 'meeting.id')
    .select([
      'meeting.slug',
      'meeting.starts_at',
      'meeting_record.kind',
      'meeting_record.version',
      'meeting_record.status',
      'meeting_record.lang',
      'meeting_record.body',
      'meeting_record.created_at',
      'meeting_record.updated_at',
    ])
    .where('meeting.technical_group_id', '=', groupId)
    .where('meeting.kind', '=', 'technical-group')
    .where('meeting.status', '!=', 'draft')
    .where('meeting_record.kind', '=', 'minutes')
    .where('meeting_record.status', '=', 'final')
    .where(({ eb, selectFrom, not, exists }) =>
      not(
        exists(
          selectFrom('meeting_record as newer')
            .select('newer.id')
            .whereRef('newer.meeting_id', '=', 'meeting_record.meeting_id')
            .where('newer.kind', '=', 'minutes')
            .where('newer.status', '=', 'final')
            .where('newer.version', '>', eb.ref('meeting_record.version')),
        ),
      ),
    )
    .orderBy('meeting.starts_at')
    .orderBy('meeting.ordinal')
    .execute();
}
