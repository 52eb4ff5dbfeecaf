import {
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type Kysely,
  type Selectable,
  type SqlBool,
  sql,
  type Transaction,
  type Updateable,
} from 'kysely';
import type { Database } from '../../db/schema.js';
import { after, type SortKey } from '../../http/pagination.js';
import type { LibraryAreaFilters, LibraryQuery } from '../shared/library.js';
import { linkedToPillar } from '../shared/pillar-filter.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Which documents a reader sees: adopted ones, and all of the meetings in `meetingIds` (their
 * delegations'), or every one (`all`: the secretariat). */
/** Which documents not yet adopted a reader sees besides the adopted ones: all, or those of some
 * meetings (their state's delegations) and those shared with their partner organisation. */
export type Reach = { all: true } | { all: false; meetingIds: readonly string[]; documentIds: readonly string[] };

export interface DocumentFilters {
  type?: string | undefined;
  pillarId?: string | undefined;
  hostStateId?: string | undefined;
  meetingId?: string | undefined;
  year?: number | undefined;
  language?: string | undefined;
}

function selectDocuments(db: Db) {
  return db
    .selectFrom('document')
    .innerJoin('meeting', 'meeting.id', 'document.meeting_id')
    .select([
      'document.id',
      'document.slug',
      'document.type',
      'document.symbol',
      'document.adopted_on',
      'document.position',
      'document.managed_by',
      'document.status',
      'document.original_lang',
      'document.sequence',
      'document.version',
      'document.revision',
      'document.content_hash',
      'document.silence_deadline',
      'document.silence_status',
      'document.silence_objection_id',
      'meeting.id as meeting_id',
      'meeting.slug as meeting_slug',
      'meeting.number as meeting_number',
      'meeting.ordinal as meeting_ordinal',
      'meeting.start_date as meeting_start_date',
      'meeting.starts_at as meeting_starts_at',
    ]);
}
export type DocumentRow = Awaited<ReturnType<ReturnType<typeof selectDocuments>['execute']>>[number];

/** The documents `reach` lets the reader see: drafts never leave the query for others. */
// biome-ignore lint/suspicious/noExplicitAny: over any query that has the document table
function reached(eb: ExpressionBuilder<any, any>, reach: Reach): Expression<SqlBool> {
  if (reach.all) return sql<SqlBool>`1 = 1`;
  const { meetingIds, documentIds } = reach;
  return eb.or([
    eb('document.status', '=', 'adopted'),
    ...(meetingIds.length > 0 ? [eb('document.meeting_id', 'in', [...meetingIds])] : []),
    ...(documentIds.length > 0 ? [eb('document.id', 'in', [...documentIds])] : []),
  ]);
}

function visibleTo<Q extends ReturnType<typeof selectDocuments>>(query: Q, reach: Reach): Q {
  return reach.all ? query : (query.where((eb) => reached(eb, reach)) as Q);
}

/** "Addresses this pillar": the document itself, or one of its paragraphs. */
// biome-ignore lint/suspicious/noExplicitAny: over any query that has the document table
function addressesPillar(eb: ExpressionBuilder<any, any>, pillarId: string): Expression<SqlBool> {
  return eb.or([
    linkedToPillar(eb, 'document', 'document.id', pillarId),
    eb.exists(
      eb
        .selectFrom('document_node')
        .whereRef('document_node.document_id', '=', 'document.id')
        .where((inner) => linkedToPillar(inner, 'document_node', 'document_node.id', pillarId))
        .select('document_node.id'),
    ),
  ]);
}

/** The whole text in that language: the original, or a body with every node translated and done. */
// biome-ignore lint/suspicious/noExplicitAny: over any query that has the document table
function wholeTextIn(eb: ExpressionBuilder<any, any>, language: string): Expression<SqlBool> {
  return eb.and([
    eb('document.managed_by', '=', 'platform'),
    eb.or([
      eb('document.original_lang', '=', language),
      eb.and([
        eb.exists(
          eb.selectFrom('document_node').whereRef('document_node.document_id', '=', 'document.id').select('id'),
        ),
        eb.not(
          eb.exists(
            eb
              .selectFrom('document_node')
              .whereRef('document_node.document_id', '=', 'document.id')
              .where((node) =>
                node.not(
                  node.exists(
                    node
                      .selectFrom('document_node_text')
                      .whereRef('document_node_text.node_id', '=', 'document_node.id')
                      .where('document_node_text.lang', '=', language)
                      .where('document_node_text.state', '=', 'done')
                      .select('document_node_text.node_id'),
                  ),
                ),
              )
              .select('document_node.id'),
          ),
        ),
      ]),
    ]),
  ]);
}

/** The documents shared with any of these partner organisations. */
export async function sharedWith(db: Db, partnerIds: readonly string[]): Promise<string[]> {
  if (partnerIds.length === 0) return [];
  const rows = await db
    .selectFrom('document_share')
    .select('document_id')
    .where('partner_id', 'in', [...partnerIds])
    .execute();
  return rows.map((r) => r.document_id);
}

/** The partner organisations a document is shared with, by name. */
export function sharesOf(db: Db, documentId: string) {
  return db
    .selectFrom('document_share')
    .innerJoin('partner', 'partner.id', 'document_share.partner_id')
    .select(['partner.id', 'partner.slug', 'document_share.created_at'])
    .where('document_share.document_id', '=', documentId)
    .orderBy('partner.slug')
    .execute();
}

/** Documents in the order of the meetings that adopted them, `limit + 1` of them. */
export function listDocuments(db: Db, reach: Reach, filters: DocumentFilters, limit: number, cursor?: SortKey) {
  let query = visibleTo(selectDocuments(db), reach)
    .orderBy('meeting.ordinal')
    .orderBy('document.position')
    .orderBy('document.slug')
    .limit(limit + 1);
  if (cursor) query = query.where((eb) => after(eb, ['meeting.ordinal', 'document.position', 'document.slug'], cursor));
  if (filters.type) query = query.where('document.type', '=', filters.type);
  if (filters.meetingId) query = query.where('meeting.id', '=', filters.meetingId);
  if (filters.hostStateId) query = query.where('meeting.host_state_id', '=', filters.hostStateId);
  if (filters.year) {
    // Historic meetings have dates, platform meetings instants: both compare as ISO text.
    const day = sql<string>`coalesce(${sql.ref('meeting.start_date')}, ${sql.ref('meeting.starts_at')})`;
    query = query.where(day, '>=', `${filters.year}-01-01`).where(day, '<', `${filters.year + 1}-01-01`);
  }
  const { pillarId, language } = filters;
  if (pillarId) query = query.where((eb) => addressesPillar(eb, pillarId));
  if (language) query = query.where((eb) => wholeTextIn(eb, language));
  return query.execute();
}

/** The outcome documents as the document library lists them (`modules/shared/library.ts`), seen
 * through `reach` as the list and the detail see them. Dated by their adoption, else their meeting. */
export function libraryRows(db: Db, reach: Reach, filters: LibraryAreaFilters): LibraryQuery {
  const date = sql<string>`substr(coalesce(${sql.ref('document.adopted_on')}, ${sql.ref('meeting.start_date')}, ${sql.ref('meeting.starts_at')}, ''), 1, 10)`;
  let query = db
    .selectFrom('document')
    .innerJoin('meeting', 'meeting.id', 'document.meeting_id')
    .select([
      sql.lit('outcome-document').as('source'),
      'document.id',
      'document.meeting_id',
      sql.lit('outcome').as('kind'),
      'document.symbol',
      sql<string>`coalesce(${sql.ref('document.symbol')}, '')`.as('symbol_key'),
      sql<number>`case when ${sql.ref('document.symbol')} is null then 1 else 0 end`.as('symbol_missing'),
      date.as('date'),
    ])
    .where((eb) => reached(eb, reach));
  const { pillarId, language } = filters;
  if (pillarId) query = query.where((eb) => addressesPillar(eb, pillarId));
  if (language) query = query.where((eb) => wholeTextIn(eb, language));
  return query as unknown as LibraryQuery;
}

export function findDocuments(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return selectDocuments(db)
    .where('document.id', 'in', [...ids])
    .execute();
}

export function findDocument(db: Db, idOrSlug: string) {
  return selectDocuments(db)
    .where((eb) => eb.or([eb('document.id', '=', idOrSlug), eb('document.slug', '=', idOrSlug)]))
    .executeTakeFirst();
}

/** Meetings holding documents not yet adopted: whose delegations a state reader may be among. */
export async function meetingsWithUnadopted(db: Db) {
  return db
    .selectFrom('document')
    .innerJoin('meeting', 'meeting.id', 'document.meeting_id')
    .select(['meeting.id', 'meeting.slug'])
    .where('document.status', '<>', 'adopted')
    .distinct()
    .execute();
}

/** Per document and language, how many of its nodes are translated and done, and its node count. */
export async function translationCounts(db: Db, documentIds: readonly string[]) {
  if (documentIds.length === 0) return { done: [], nodes: [] };
  const [done, nodes] = await Promise.all([
    db
      .selectFrom('document_node_text')
      .innerJoin('document_node', 'document_node.id', 'document_node_text.node_id')
      .select((eb) => ['document_node.document_id', 'document_node_text.lang', eb.fn.countAll<number>().as('count')])
      .where('document_node.document_id', 'in', [...documentIds])
      .where('document_node_text.state', '=', 'done')
      .groupBy(['document_node.document_id', 'document_node_text.lang'])
      .execute(),
    db
      .selectFrom('document_node')
      .select((eb) => ['document_id', eb.fn.countAll<number>().as('count')])
      .where('document_id', 'in', [...documentIds])
      .groupBy('document_id')
      .execute(),
  ]);
  return { done, nodes };
}

export function nodesOf(db: Db, documentId: string) {
  return db
    .selectFrom('document_node')
    .select(['id', 'parent_id', 'position', 'kind', 'mark', 'agreement'])
    .where('document_id', '=', documentId)
    .execute();
}
export type NodeRow = Awaited<ReturnType<typeof nodesOf>>[number];

export function textsOf(db: Db, nodeIds: readonly string[]) {
  if (nodeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('document_node_text')
    .select(['node_id', 'lang', 'text', 'state'])
    .where('node_id', 'in', [...nodeIds])
    .execute();
}

/** The links from and to a document, with the document at the other end. */
export function linksOf(db: Db, documentId: string) {
  const ends = (side: 'from_document_id' | 'to_document_id', other: 'from_document_id' | 'to_document_id') =>
    db
      .selectFrom('document_link')
      .innerJoin('document', 'document.id', `document_link.${other}`)
      .select([
        'document_link.id',
        'document_link.relation',
        'document_link.source_url',
        'document_link.managed_by',
        'document.id as document_id',
        'document.slug',
        'document.type',
        'document.symbol',
        'document.status',
        'document.meeting_id',
      ])
      .where(`document_link.${side}`, '=', documentId)
      .orderBy('document.slug')
      .orderBy('document_link.relation')
      .execute();
  return Promise.all([ends('from_document_id', 'to_document_id'), ends('to_document_id', 'from_document_id')]);
}
export type LinkRow = Awaited<ReturnType<typeof linksOf>>[0][number];

export async function nextPosition(db: Db, meetingId: string): Promise<number> {
  const row = await db
    .selectFrom('document')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

export async function slugTaken(db: Db, slug: string): Promise<boolean> {
  return (await db.selectFrom('document').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;
}

export async function insertDocument(db: Db, row: Insertable<Database['document']>) {
  await db.insertInto('document').values(row).execute();
}

export async function patchDocument(db: Db, id: string, patch: Updateable<Database['document']>) {
  await db.updateTable('document').set(patch).where('id', '=', id).execute();
}

export async function insertNode(db: Db, row: Insertable<Database['document_node']>) {
  await db.insertInto('document_node').values(row).execute();
}

export async function patchNode(db: Db, id: string, patch: Updateable<Database['document_node']>) {
  await db.updateTable('document_node').set(patch).where('id', '=', id).execute();
}

/** Deletes nodes (a section's children go with it, by the foreign key's cascade, and their texts). */
export async function deleteNodes(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return;
  await db
    .deleteFrom('pillar_link')
    .where('entity_type', '=', 'document_node')
    .where('entity_id', 'in', [...ids])
    .execute();
  await db
    .deleteFrom('document_node')
    .where('id', 'in', [...ids])
    .execute();
}

/** Sets a node's text in one language (inserting or replacing it). */
export async function putText(
  db: Db,
  row: { node_id: string; lang: string; text: string; state: 'pending' | 'done' },
  at: string,
) {
  await db
    .insertInto('document_node_text')
    .values({ ...row, created_at: at, updated_at: at })
    .onConflict((oc) =>
      oc.columns(['node_id', 'lang']).doUpdateSet({ text: row.text, state: row.state, updated_at: at }),
    )
    .execute();
}

/** The translations of a node go back to pending: its original text changed. */
export async function translationsPending(db: Db, nodeId: string, originalLang: string, at: string) {
  await db
    .updateTable('document_node_text')
    .set({ state: 'pending', updated_at: at })
    .where('node_id', '=', nodeId)
    .where('lang', '<>', originalLang)
    .execute();
}

export async function insertLink(db: Db, row: Insertable<Database['document_link']>) {
  await db.insertInto('document_link').values(row).execute();
}

export async function deleteLink(db: Db, id: string) {
  await db.deleteFrom('document_link').where('id', '=', id).execute();
}

/** A document's amendments, oldest first (only those in `status` when told). */
export function amendmentsOf(db: Db, documentId: string, status?: string) {
  let query = db
    .selectFrom('document_amendment')
    .selectAll()
    .where('document_id', '=', documentId)
    .orderBy('created_at')
    .orderBy('id');
  if (status) query = query.where('status', '=', status as 'pending');
  return query.execute();
}
export type AmendmentRow = Awaited<ReturnType<typeof amendmentsOf>>[number];

export function positionsOf(db: Db, amendmentIds: readonly string[]) {
  if (amendmentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('document_amendment_position')
    .selectAll()
    .where('amendment_id', 'in', [...amendmentIds])
    .orderBy('created_at')
    .execute();
}

export async function insertAmendment(db: Db, row: Insertable<Database['document_amendment']>) {
  await db.insertInto('document_amendment').values(row).execute();
}

/** A state's support or objection: its latest word replaces the earlier one. */
export async function putPosition(db: Db, row: Insertable<Database['document_amendment_position']>) {
  await db
    .insertInto('document_amendment_position')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['amendment_id', 'member_state_id']).doUpdateSet({
        stance: row.stance,
        comment: row.comment ?? null,
        user_id: row.user_id ?? null,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

/** The open brackets of a document's paragraphs, with their alternatives in order and who holds each. */
export async function openBracketsOf(db: Db, documentId: string) {
  const brackets = await db
    .selectFrom('document_bracket')
    .select(['id', 'node_id'])
    .where('document_id', '=', documentId)
    .where('status', '=', 'open')
    .orderBy('created_at')
    .execute();
  if (brackets.length === 0) return [];
  const alternatives = await db
    .selectFrom('document_bracket_alternative')
    .leftJoin('document_bracket_holder', 'document_bracket_holder.alternative_id', 'document_bracket_alternative.id')
    .select([
      'document_bracket_alternative.id',
      'document_bracket_alternative.bracket_id',
      'document_bracket_alternative.position',
      'document_bracket_alternative.text',
      'document_bracket_holder.member_state_id',
    ])
    .where(
      'document_bracket_alternative.bracket_id',
      'in',
      brackets.map((b) => b.id),
    )
    .orderBy('document_bracket_alternative.position')
    .execute();
  return brackets.map((b) => {
    const rows = alternatives.filter((a) => a.bracket_id === b.id);
    const ids = [...new Set(rows.map((a) => a.id))];
    return {
      ...b,
      alternatives: ids.map((id) => {
        const of = rows.filter((a) => a.id === id);
        return {
          text: of[0]?.text as string,
          stateIds: of.map((a) => a.member_state_id).filter((s): s is string => s !== null),
        };
      }),
    };
  });
}
export type OpenBracket = Awaited<ReturnType<typeof openBracketsOf>>[number];

/** A document's footnotes or objections, oldest first. */
export function statesRecordsOf<T extends 'document_footnote' | 'document_objection'>(
  db: Db,
  table: T,
  documentId: string,
) {
  return (db as Kysely<Database>)
    .selectFrom(table as 'document_footnote')
    .selectAll()
    .where('document_id', '=', documentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute() as unknown as Promise<Array<Selectable<Database[T]>>>;
}

export const footnotesOf = (db: Db, documentId: string) => statesRecordsOf(db, 'document_footnote', documentId);
export const objectionsOf = (db: Db, documentId: string) => statesRecordsOf(db, 'document_objection', documentId);
