import { type ExpressionBuilder, type Insertable, type Kysely, sql, type Transaction, type Updateable } from 'kysely';
import type { Lang } from '../../../contract/common.js';
import type { MeetingDocumentCategory } from '../../../contract/meeting-documents.js';
import type { Database } from '../../db/schema.js';
import { lockSeries } from '../../db/series-lock.js';
import type { LibraryAreaFilters, LibraryQuery } from '../shared/library.js';
import { linkedToPillar } from '../shared/pillar-filter.js';

type Db = Kysely<Database> | Transaction<Database>;

const DOCUMENT_COLUMNS = [
  'id',
  'meeting_id',
  'category',
  'sequence',
  'original_lang',
  'visibility',
  'adopted_at',
  'created_at',
  'updated_at',
  'version',
] as const;

export type DocumentRow = NonNullable<Awaited<ReturnType<typeof findDocument>>>;

/** What a symbol is made of (meetings/queries.ts leaves the pattern out of its rows). */
export function symbolMeeting(db: Db, meetingId: string) {
  return db
    .selectFrom('meeting')
    .select(['ordinal', 'number', 'slug', 'symbol_pattern', 'starts_at', 'start_date'])
    .where('id', '=', meetingId)
    .executeTakeFirstOrThrow();
}

/** A meeting's documents in series order; only the public ones unless `withDelegations`. */
export function listDocuments(db: Db, meetingId: string, withDelegations: boolean) {
  let query = db.selectFrom('meeting_document').select(DOCUMENT_COLUMNS).where('meeting_id', '=', meetingId);
  if (!withDelegations) query = query.where('visibility', '=', 'public');
  return query.orderBy('category').orderBy('sequence').execute();
}

export function findDocument(db: Db, meetingId: string, id: string) {
  return db
    .selectFrom('meeting_document')
    .select(DOCUMENT_COLUMNS)
    .where('meeting_id', '=', meetingId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Every revision of these documents, newest first. */
export function revisionsOf(db: Db, documentIds: readonly string[]) {
  if (documentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('meeting_document_revision')
    .select(['id', 'document_id', 'revision', 'symbol', 'created_at'])
    .where('document_id', 'in', [...documentIds])
    .orderBy('document_id')
    .orderBy('revision', 'desc')
    .execute();
}

/** The files of these revisions, with what the file store knows of each. */
export function filesOf(db: Db, revisionIds: readonly string[]) {
  if (revisionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('meeting_document_file as f')
    .innerJoin('stored_file as s', 's.id', 'f.file_id')
    .select(['f.revision_id', 'f.lang', 'f.updated_at', 's.media_type', 's.size', 's.sha256', 's.original_name'])
    .where('f.revision_id', 'in', [...revisionIds])
    .orderBy('f.lang')
    .execute();
}

/** The agenda item each of these documents is linked to. */
export function agendaLinksOf(db: Db, documentIds: readonly string[]) {
  if (documentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('agenda_item_document')
    .select(['agenda_item_id', 'meeting_document_id'])
    .where('meeting_document_id', 'in', [...documentIds])
    .execute();
}

export async function agendaItemInMeeting(db: Db, meetingId: string, itemId: string): Promise<boolean> {
  const row = await db
    .selectFrom('agenda_item')
    .select('id')
    .where('id', '=', itemId)
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The next free number in a meeting's series, allocated one transaction at a time. Outcome documents under
 * negotiation take their numbers from the same working-document series (`doc.N`), so both tables count.
 */
export async function nextSequence(db: Db, meetingId: string, category: MeetingDocumentCategory): Promise<number> {
  await lockSeries(db, `meeting_document.sequence:${meetingId}:${category}`);
  const last = await db
    .selectFrom('meeting_document')
    .select((eb) => eb.fn.max('sequence').as('last'))
    .where('meeting_id', '=', meetingId)
    .where('category', '=', category)
    .executeTakeFirst();
  const lastOutcome =
    category === 'working'
      ? await db
          .selectFrom('document')
          .select((eb) => eb.fn.max('sequence').as('last'))
          .where('meeting_id', '=', meetingId)
          .executeTakeFirst()
      : undefined;
  return Math.max(Number(last?.last ?? 0), Number(lastOutcome?.last ?? 0)) + 1;
}

export async function insertDocument(db: Db, row: Insertable<Database['meeting_document']>) {
  await db.insertInto('meeting_document').values(row).execute();
}

export async function insertRevision(db: Db, row: Insertable<Database['meeting_document_revision']>) {
  await db.insertInto('meeting_document_revision').values(row).execute();
}

/** Every title of these documents: id → lang → text. */
export async function titlesOf(db: Db, documentIds: readonly string[]) {
  const result = new Map<string, Partial<Record<Lang, string>>>();
  if (documentIds.length === 0) return result;
  const rows = await db
    .selectFrom('translation')
    .select(['entity_id', 'lang', 'text'])
    .where('entity_type', '=', 'meeting_document')
    .where('field', '=', 'title')
    .where('entity_id', 'in', [...documentIds])
    .execute();
  for (const row of rows) result.set(row.entity_id, { ...result.get(row.entity_id), [row.lang as Lang]: row.text });
  return result;
}

export async function setAgendaLink(db: Db, documentId: string, agendaItemId: string | null) {
  await db.deleteFrom('agenda_item_document').where('meeting_document_id', '=', documentId).execute();
  if (agendaItemId) {
    await db
      .insertInto('agenda_item_document')
      .values({ agenda_item_id: agendaItemId, meeting_document_id: documentId })
      .execute();
  }
}

export async function patchDocument(db: Db, id: string, patch: Updateable<Database['meeting_document']>) {
  await db.updateTable('meeting_document').set(patch).where('id', '=', id).execute();
}

export function findRevision(db: Db, documentId: string, revision: number) {
  return db
    .selectFrom('meeting_document_revision')
    .select(['id', 'revision', 'symbol'])
    .where('document_id', '=', documentId)
    .where('revision', '=', revision)
    .executeTakeFirst();
}

export function latestRevision(db: Db, documentId: string) {
  return db
    .selectFrom('meeting_document_revision')
    .select(['id', 'revision', 'symbol'])
    .where('document_id', '=', documentId)
    .orderBy('revision', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}

/** The stored file of one revision in one language. */
export function findFile(db: Db, revisionId: string, lang: Lang) {
  return db
    .selectFrom('meeting_document_file as f')
    .innerJoin('stored_file as s', 's.id', 'f.file_id')
    .selectAll('s')
    .where('f.revision_id', '=', revisionId)
    .where('f.lang', '=', lang)
    .executeTakeFirst();
}

/** Points the revision's file in `lang` at `fileId` (a new file replaces the one before). */
export async function putFile(db: Db, row: Insertable<Database['meeting_document_file']>) {
  await db
    .insertInto('meeting_document_file')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['revision_id', 'lang']).doUpdateSet({ file_id: row.file_id, updated_at: row.updated_at }),
    )
    .execute();
}

/** The id of a document's newest revision, as a subquery of a query over `meeting_document as d`. */
const newestRevision = (eb: ExpressionBuilder<Database & { d: Database['meeting_document'] }, 'd'>) =>
  eb
    .selectFrom('meeting_document_revision as newest')
    .whereRef('newest.document_id', '=', 'd.id')
    .orderBy('newest.revision', 'desc')
    .limit(1);

/**
 * The documents of every meeting as the document library lists them (`modules/shared/library.ts`):
 * none of a draft meeting unless `see.drafts`, none kept for delegations unless `see.delegations`
 * (the rule of `list` and `get`).
 */
export function libraryRows(
  db: Db,
  see: { drafts: boolean; delegations: boolean },
  filters: LibraryAreaFilters,
): LibraryQuery {
  let query = db
    .selectFrom('meeting_document as d')
    .innerJoin('meeting as m', 'm.id', 'd.meeting_id')
    .select((eb) => [
      sql.lit('meeting-document').as('source'),
      'd.id',
      'd.meeting_id',
      'd.category as kind',
      newestRevision(eb).select('newest.symbol').as('symbol'),
      newestRevision(eb).select('newest.symbol').as('symbol_key'),
      sql.lit(0).as('symbol_missing'),
      sql<string>`substr(${sql.ref('d.created_at')}, 1, 10)`.as('date'),
    ]);
  if (!see.drafts) query = query.where('m.status', '<>', 'draft');
  if (!see.delegations) query = query.where('d.visibility', '=', 'public');
  const { language, pillarId } = filters;
  if (language) {
    // Available in a language: its current revision has a file in it.
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('meeting_document_file as f')
          .where('f.lang', '=', language)
          .where('f.revision_id', '=', newestRevision(eb).select('newest.id'))
          .select('f.id'),
      ),
    );
  }
  if (pillarId) {
    // Its agenda item's pillars, or its meeting's.
    query = query.where((eb) =>
      eb.or([
        linkedToPillar(eb, 'meeting', 'd.meeting_id', pillarId),
        eb.exists(
          eb
            .selectFrom('agenda_item_document as link')
            .whereRef('link.meeting_document_id', '=', 'd.id')
            .where((inner) => linkedToPillar(inner, 'agenda_item', 'link.agenda_item_id', pillarId))
            .select('link.agenda_item_id'),
        ),
      ]),
    );
  }
  return query as unknown as LibraryQuery;
}

/** The languages of each document's newest revision's files: id → languages. */
export async function newestLanguagesOf(db: Db, documentIds: readonly string[]) {
  const result = new Map<string, Lang[]>();
  if (documentIds.length === 0) return result;
  const rows = await db
    .selectFrom('meeting_document_file as f')
    .innerJoin('meeting_document_revision as r', 'r.id', 'f.revision_id')
    .select(['r.document_id', 'f.lang'])
    .where('r.document_id', 'in', [...documentIds])
    .where((eb) =>
      eb(
        'r.revision',
        '=',
        eb
          .selectFrom('meeting_document_revision as later')
          .whereRef('later.document_id', '=', 'r.document_id')
          .select((inner) => inner.fn.max('later.revision').as('revision')),
      ),
    )
    .orderBy('f.lang')
    .execute();
  for (const row of rows) result.set(row.document_id, [...(result.get(row.document_id) ?? []), row.lang as Lang]);
  return result;
}

export function originalLangsOf(db: Db, documentIds: readonly string[]) {
  if (documentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('meeting_document')
    .select(['id', 'original_lang'])
    .where('id', 'in', [...documentIds])
    .execute();
}
