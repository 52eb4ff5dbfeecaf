import { type ExpressionBuilder, type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { ItemCreate } from '../../../contract/follow-up.js';
import type { RateGroup } from '../../../domain/follow-up.js';
import { numbering, outlineOf } from '../../../domain/outcome-documents.js';
import type { Subregion } from '../../../domain/reference.js';
import type { Database, EntityType, FollowUpReportTable } from '../../db/schema.js';
import type { Reach } from '../../policy/policy.js';
import { linkedToPillar } from '../shared/pillar-filter.js';
import { replacePillarLinks } from '../shared/refs.js';
import { replaceTexts } from '../shared/texts.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Makes an item of every marked operative paragraph of an adopted document that has none yet, with
 * its number in the document and the paragraph's pillars. An adopted text no longer changes, so an
 * item once made stays true to its paragraph; running this again adds only what is new (concurrent
 * runs skip what another inserted).
 */
export async function deriveParagraphItems(db: Kysely<Database>, at: string): Promise<number> {
  const pending = await db
    .selectFrom('document_node')
    .innerJoin('document', 'document.id', 'document_node.document_id')
    .select('document_node.document_id')
    .distinct()
    .where('document.status', '=', 'adopted')
    .where('document_node.kind', '=', 'operative')
    .where('document_node.mark', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('follow_up_item')
            .select('follow_up_item.id')
            .whereRef('follow_up_item.document_node_id', '=', 'document_node.id'),
        ),
      ),
    )
    .execute();
  let made = 0;
  for (const { document_id } of pending) {
    const nodes = await db
      .selectFrom('document_node')
      .select(['id', 'kind', 'parent_id as parentId', 'position', 'mark'])
      .where('document_id', '=', document_id)
      .execute();
    const numbers = numbering(outlineOf(nodes));
    const marked = nodes.filter((node) => node.kind === 'operative' && node.mark !== null);
    const links = await db
      .selectFrom('pillar_link')
      .select(['entity_id', 'pillar_id'])
      .where('entity_type', '=', 'document_node')
      .where(
        'entity_id',
        'in',
        marked.map((node) => node.id),
      )
      .execute();
    await db.transaction().execute(async (trx) => {
      for (const node of marked) {
        const number = numbers.get(node.id) ?? 0;
        const inserted = await trx
          .insertInto('follow_up_item')
          .values({
            id: node.id,
            document_id,
            document_node_id: node.id,
            number: String(number),
            position: number,
            source_url: null,
            created_at: at,
            updated_at: at,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .executeTakeFirst();
        if ((inserted.numInsertedOrUpdatedRows ?? 0n) === 0n) continue;
        made++;
        const pillars = links.filter((link) => link.entity_id === node.id);
        if (pillars.length > 0)
          await trx
            .insertInto('pillar_link')
            .values(
              pillars.map((link) => ({
                entity_type: 'follow_up_item',
                entity_id: node.id,
                pillar_id: link.pillar_id,
                created_at: at,
                updated_at: at,
              })),
            )
            .execute();
      }
    });
  }
  return made;
}

export interface ItemFilter {
  documentId?: string | undefined;
  pillarId?: string | undefined;
  ids?: readonly string[] | undefined;
}

export type ItemRow = Awaited<ReturnType<typeof listItems>>[number];

/** What an item's text is read from: its paragraph (the item's id), in its document's languages. */
export type TextedItemRow = Pick<ItemRow, 'id' | 'document_node_id' | 'original_lang'>;

export function listItems(db: Db, filter: ItemFilter) {
  let query = db
    .selectFrom('follow_up_item')
    .innerJoin('document', 'document.id', 'follow_up_item.document_id')
    .selectAll('follow_up_item')
    .select(['document.slug as document_slug', 'document.original_lang'])
    .where('document.status', '=', 'adopted')
    .orderBy('document.adopted_on')
    .orderBy('document.slug')
    .orderBy('follow_up_item.position')
    .orderBy('follow_up_item.id');
  if (filter.documentId) query = query.where('follow_up_item.document_id', '=', filter.documentId);
  if (filter.pillarId) {
    const pillarId = filter.pillarId;
    query = query.where((eb) => linkedToPillar(eb, 'follow_up_item', 'follow_up_item.id', pillarId));
  }
  if (filter.ids) query = query.where('follow_up_item.id', 'in', filter.ids.length ? filter.ids : ['']);
  return query.execute();
}

/** The texts of paragraph items, every language: node id → lang → text and state. */
export async function paragraphTexts(db: Db, nodeIds: readonly string[]) {
  const result = new Map<string, Map<string, { text: string; state: string }>>();
  if (nodeIds.length === 0) return result;
  const rows = await db
    .selectFrom('document_node_text')
    .select(['node_id', 'lang', 'text', 'state'])
    .where('node_id', 'in', nodeIds)
    .execute();
  for (const row of rows) {
    const texts = result.get(row.node_id) ?? new Map();
    texts.set(row.lang, { text: row.text, state: row.state });
    result.set(row.node_id, texts);
  }
  return result;
}

/** Every language's text of a field of records: id → lang → text. */
export async function textsOf(db: Db, entityType: EntityType, ids: readonly string[], field: string) {
  const result = new Map<string, Map<string, string>>();
  if (ids.length === 0) return result;
  const rows = await db
    .selectFrom('translation')
    .select(['entity_id', 'lang', 'text'])
    .where('entity_type', '=', entityType)
    .where('entity_id', 'in', ids)
    .where('field', '=', field)
    .execute();
  for (const row of rows) result.set(row.entity_id, (result.get(row.entity_id) ?? new Map()).set(row.lang, row.text));
  return result;
}

export function subItemsOf(db: Db, itemIds: readonly string[]) {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('follow_up_sub_item')
    .selectAll()
    .where('item_id', 'in', itemIds)
    .orderBy('item_id')
    .orderBy('position')
    .execute();
}

export async function nextItemPosition(db: Db, documentId: string): Promise<number> {
  const row = await db
    .selectFrom('follow_up_item')
    .select((eb) => eb.fn.max<number | null>('position').as('last'))
    .where('document_id', '=', documentId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

/** A historic document's item with its texts, pillars and sub-items (added one by one or imported). */
export async function insertHistoricItem(
  trx: Transaction<Database>,
  values: {
    id: string;
    documentId: string;
    position: number;
    item: Pick<ItemCreate, 'number' | 'texts' | 'sourceUrl' | 'subItems'>;
    pillarIds: readonly string[];
    at: string;
  },
): Promise<void> {
  const { id, item, at } = values;
  await trx
    .insertInto('follow_up_item')
    .values({
      id,
      document_id: values.documentId,
      document_node_id: null,
      number: item.number,
      position: values.position,
      source_url: item.sourceUrl,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await replaceTexts(trx, 'follow_up_item', id, 'text', item.texts, at);
  await replacePillarLinks(trx, 'follow_up_item', id, values.pillarIds, at);
  await insertSubItems(trx, id, item.subItems, at);
}

/** An item's sub-items, in the order given (their positions). */
export async function insertSubItems(
  trx: Transaction<Database>,
  itemId: string,
  subItems: ItemCreate['subItems'],
  at: string,
): Promise<void> {
  for (const [position, sub] of subItems.entries()) {
    const id = uuidv7();
    await trx
      .insertInto('follow_up_sub_item')
      .values({ id, item_id: itemId, position, weight: sub.weight, created_at: at, updated_at: at })
      .execute();
    await replaceTexts(trx, 'follow_up_sub_item', id, 'text', sub.texts, at);
  }
}

/** The adopted documents among these slugs, by slug. */
export async function adoptedDocumentsBySlug(db: Db, slugs: readonly string[]) {
  const found = new Map<string, { id: string; slug: string }>();
  // In slices, so a file naming thousands of documents stays under PostgreSQL's parameter limit.
  for (let at = 0; at < slugs.length; at += 500) {
    const rows = await db
      .selectFrom('document')
      .select(['id', 'slug'])
      .where('status', '=', 'adopted')
      .where('slug', 'in', slugs.slice(at, at + 500))
      .execute();
    for (const row of rows) found.set(row.slug, row);
  }
  return found;
}

/** The numbers the items of these documents already have, as `documentId number`. */
export async function itemNumbersOf(db: Db, documentIds: readonly string[]): Promise<Set<string>> {
  if (documentIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('follow_up_item')
    .select(['document_id', 'number'])
    .where('document_id', 'in', documentIds)
    .execute();
  return new Set(rows.map((row) => `${row.document_id} ${row.number}`));
}

export function findDocumentBySlug(db: Db, slug: string) {
  return db.selectFrom('document').select(['id', 'slug', 'status']).where('slug', '=', slug).executeTakeFirst();
}

export function findMemberStates(db: Db, slugs?: readonly string[]) {
  let query = db.selectFrom('member_state').select(['id', 'slug', 'iso2', 'iso3', 'subregion']).orderBy('iso3');
  if (slugs) query = query.where('slug', 'in', slugs.length ? slugs : ['']);
  return query.execute();
}

// Cycles

export function listCycles(db: Db, ids?: readonly string[]) {
  let query = db.selectFrom('follow_up_cycle').selectAll().orderBy('opens_on', 'desc').orderBy('id', 'desc');
  if (ids) query = query.where('id', 'in', ids.length ? ids : ['']);
  return query.execute();
}
export type CycleRow = Awaited<ReturnType<typeof listCycles>>[number];

export async function cycleMembers(db: Db, cycleIds: readonly string[]) {
  if (cycleIds.length === 0) return { items: [], states: [] };
  const [items, states] = await Promise.all([
    db
      .selectFrom('follow_up_cycle_item')
      .select(['cycle_id', 'item_id'])
      .where('cycle_id', 'in', cycleIds)
      .orderBy('item_id')
      .execute(),
    db
      .selectFrom('follow_up_cycle_state')
      .innerJoin('member_state', 'member_state.id', 'follow_up_cycle_state.member_state_id')
      .select(['cycle_id', 'member_state.id', 'member_state.slug', 'member_state.iso2', 'member_state.iso3'])
      .where('cycle_id', 'in', cycleIds)
      .orderBy('member_state.iso3')
      .execute(),
  ]);
  return { items, states };
}

/** Reports submitted (or accepted) and accepted per cycle: counts, whoever reads. */
export function cycleCounts(db: Db, cycleIds: readonly string[]) {
  if (cycleIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('follow_up_report')
    .select((eb) => [
      'cycle_id',
      eb.fn.sum<number>(eb.case().when('state', 'in', ['submitted', 'accepted']).then(1).else(0).end()).as('submitted'),
      eb.fn.sum<number>(eb.case().when('state', '=', 'accepted').then(1).else(0).end()).as('accepted'),
    ])
    .where('cycle_id', 'in', cycleIds)
    .groupBy('cycle_id')
    .execute();
}

export async function insertCycle(
  trx: Transaction<Database>,
  cycle: { id: string; opens_on: string; deadline: string; created_by: string | null; at: string },
  itemIds: readonly string[],
  stateIds: readonly string[],
) {
  const { at, ...values } = cycle;
  await trx
    .insertInto('follow_up_cycle')
    .values({ ...values, created_at: at, updated_at: at })
    .execute();
  // In slices: a cycle may name thousands of items, more than one statement may bind.
  for (let i = 0; i < itemIds.length; i += 500) {
    await trx
      .insertInto('follow_up_cycle_item')
      .values(itemIds.slice(i, i + 500).map((item_id) => ({ cycle_id: cycle.id, item_id })))
      .execute();
  }
  await trx
    .insertInto('follow_up_cycle_state')
    .values(stateIds.map((member_state_id) => ({ cycle_id: cycle.id, member_state_id })))
    .execute();
}

export function isCycleItem(db: Db, cycleId: string, itemId: string) {
  return db
    .selectFrom('follow_up_cycle_item')
    .select('item_id')
    .where('cycle_id', '=', cycleId)
    .where('item_id', '=', itemId)
    .executeTakeFirst();
}

export function cycleState(db: Db, cycleId: string, slug: string) {
  return db
    .selectFrom('follow_up_cycle_state')
    .innerJoin('member_state', 'member_state.id', 'follow_up_cycle_state.member_state_id')
    .select(['member_state.id', 'member_state.slug', 'member_state.iso2', 'member_state.iso3'])
    .where('cycle_id', '=', cycleId)
    .where('member_state.slug', '=', slug)
    .executeTakeFirst();
}

// Reports

/**
 * The reports a reader may see: every one to the secretariat; to a focal point their own state's and
 * the public ones; to everyone else only those accepted and made public by their state.
 */
export function visibleReports(reach: Reach) {
  // biome-ignore lint/suspicious/noExplicitAny: applies to any query that joins follow_up_report
  return (eb: ExpressionBuilder<any, any>) => {
    const isPublic = eb.and([eb('follow_up_report.state', '=', 'accepted'), eb('follow_up_report.published', '=', 1)]);
    if (reach.all) return eb.lit(true);
    if (reach.memberStateIds.length === 0) return isPublic;
    return eb.or([isPublic, eb('follow_up_report.member_state_id', 'in', reach.memberStateIds)]);
  };
}

const reportColumns = [
  'follow_up_report.id',
  'follow_up_report.cycle_id',
  'follow_up_report.item_id',
  'follow_up_report.member_state_id',
  'follow_up_report.state',
  'follow_up_report.status',
  'follow_up_report.not_applicable_reason',
  'follow_up_report.measures',
  'follow_up_report.institution',
  'follow_up_report.cooperation',
  'follow_up_report.details',
  'follow_up_report.published',
  'follow_up_report.review_comment',
  'follow_up_report.submitted_at',
  'follow_up_report.reviewed_at',
  'follow_up_report.version',
  'member_state.slug',
  'member_state.iso2',
  'member_state.iso3',
] as const;

export interface ReportFilter {
  cycleId?: string;
  itemId?: string | undefined;
  stateId?: string | undefined;
}

export function listReports(db: Db, filter: ReportFilter, reach: Reach) {
  let query = db
    .selectFrom('follow_up_report')
    .innerJoin('member_state', 'member_state.id', 'follow_up_report.member_state_id')
    .select(reportColumns)
    .where(visibleReports(reach))
    .orderBy('member_state.iso3')
    .orderBy('follow_up_report.item_id');
  if (filter.cycleId) query = query.where('follow_up_report.cycle_id', '=', filter.cycleId);
  if (filter.itemId) query = query.where('follow_up_report.item_id', '=', filter.itemId);
  if (filter.stateId) query = query.where('follow_up_report.member_state_id', '=', filter.stateId);
  return query.execute();
}
export type ReportRow = Awaited<ReturnType<typeof listReports>>[number];

export function findReport(db: Db, cycleId: string, itemId: string, stateId: string) {
  return db
    .selectFrom('follow_up_report')
    .innerJoin('member_state', 'member_state.id', 'follow_up_report.member_state_id')
    .select(reportColumns)
    .where('follow_up_report.cycle_id', '=', cycleId)
    .where('follow_up_report.item_id', '=', itemId)
    .where('follow_up_report.member_state_id', '=', stateId)
    .executeTakeFirst();
}

export async function insertReport(trx: Db, row: Insertable<FollowUpReportTable>) {
  await trx.insertInto('follow_up_report').values(row).execute();
}

// Evidence files

/** The evidence files of these reports, with their stored file, oldest first. */
export function reportFilesOf(db: Db, reportIds: readonly string[]) {
  if (reportIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('follow_up_report_file as f')
    .innerJoin('stored_file as s', 's.id', 'f.file_id')
    .select([
      'f.id',
      'f.report_id',
      'f.file_id',
      'f.created_at',
      's.media_type',
      's.size',
      's.sha256',
      's.original_name',
    ])
    .where('f.report_id', 'in', [...reportIds])
    .orderBy('f.created_at')
    .orderBy('f.id')
    .execute();
}

/** One evidence file of a report, with the stored file to send. */
export function findReportFile(db: Db, reportId: string, id: string) {
  return db
    .selectFrom('follow_up_report_file as f')
    .innerJoin('stored_file as s', 's.id', 'f.file_id')
    .selectAll('s')
    .where('f.report_id', '=', reportId)
    .where('f.id', '=', id)
    .executeTakeFirst();
}

/**
 * Marks the report as changed if it is still editable, and so holds it (a row lock on PostgreSQL,
 * the write lock on SQLite) until the transaction ends: a review cannot slip in between the check
 * and the file's row. False when it is no longer editable.
 */
export async function holdEditableReport(trx: Transaction<Database>, reportId: string, at: string) {
  const result = await trx
    .updateTable('follow_up_report')
    .set({ updated_at: at })
    .where('id', '=', reportId)
    .where('state', 'in', ['draft', 'changes-requested'])
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function countReportFiles(trx: Db, reportId: string): Promise<number> {
  const row = await trx
    .selectFrom('follow_up_report_file')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('report_id', '=', reportId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertReportFile(
  trx: Db,
  row: { id: string; report_id: string; file_id: string; created_by: string | null; at: string },
) {
  const { at, ...values } = row;
  await trx
    .insertInto('follow_up_report_file')
    .values({ ...values, created_at: at, updated_at: at })
    .execute();
}

export async function deleteReportFile(trx: Db, id: string) {
  await trx.deleteFrom('follow_up_report_file').where('id', '=', id).execute();
}

/** An item's status per state, cycle after cycle, as the reader may see it. */
export function historyOf(db: Db, itemId: string, stateId: string | undefined, reach: Reach) {
  let query = db
    .selectFrom('follow_up_report')
    .innerJoin('follow_up_cycle', 'follow_up_cycle.id', 'follow_up_report.cycle_id')
    .innerJoin('member_state', 'member_state.id', 'follow_up_report.member_state_id')
    .select([
      'follow_up_cycle.id as cycle_id',
      'follow_up_cycle.opens_on',
      'member_state.slug',
      'member_state.iso2',
      'member_state.iso3',
      'follow_up_report.status',
      'follow_up_report.state',
    ])
    .where('follow_up_report.item_id', '=', itemId)
    .where(visibleReports(reach))
    .orderBy('member_state.iso3')
    .orderBy('follow_up_cycle.opens_on');
  if (stateId) query = query.where('follow_up_report.member_state_id', '=', stateId);
  return query.execute();
}

// Matrix and rates: computed by the database.

/** What the matrix is narrowed to: one document's items, the items addressing one pillar, the
 * states of one subregion. */
export interface MatrixFilter {
  documentId?: string | undefined;
  pillarId?: string | undefined;
  subregion?: Subregion | undefined;
}

/** The items of the cycle a filter keeps, as a subquery. */
// biome-ignore lint/suspicious/noExplicitAny: applies to any query with follow_up_item in scope
function itemsKept(eb: ExpressionBuilder<any, any>, idColumn: string, filter: MatrixFilter) {
  const kept = [];
  if (filter.documentId)
    kept.push(
      eb(
        idColumn,
        'in',
        eb.selectFrom('follow_up_item').select('follow_up_item.id').where('document_id', '=', filter.documentId),
      ),
    );
  if (filter.pillarId) kept.push(linkedToPillar(eb, 'follow_up_item', idColumn, filter.pillarId));
  return eb.and(kept);
}

/**
 * The matrix's cells: one row per visible report of the cycle, narrowed by the filter. Read from the
 * items kept (one document's: its index) to their reports through the unique index on cycle, item
 * and state, so one document's matrix reads its own few thousand reports, not the cycle's. The
 * CROSS JOIN is SQLite's documented way to fix that order (without statistics it would rather scan
 * the cycle's part of the covering index the rates use); PostgreSQL plans it as any inner join.
 */
export function matrixCells(db: Db, cycleId: string, filter: MatrixFilter, reach: Reach) {
  let query = db
    .selectFrom('follow_up_item')
    .crossJoin('follow_up_report')
    .innerJoin('member_state', 'member_state.id', 'follow_up_report.member_state_id')
    .select(['member_state.slug', 'follow_up_report.item_id', 'follow_up_report.status', 'follow_up_report.state'])
    .whereRef('follow_up_report.item_id', '=', 'follow_up_item.id')
    .where('follow_up_report.cycle_id', '=', cycleId)
    .where(visibleReports(reach))
    .orderBy('member_state.iso3')
    .orderBy('follow_up_report.item_id');
  if (filter.documentId) query = query.where('follow_up_item.document_id', '=', filter.documentId);
  if (filter.pillarId) {
    const pillarId = filter.pillarId;
    query = query.where((eb) => linkedToPillar(eb, 'follow_up_item', 'follow_up_item.id', pillarId));
  }
  if (filter.subregion) query = query.where('member_state.subregion', '=', filter.subregion);
  return query.execute();
}

/** The cycle's items the filter keeps, in document order. */
export function cycleItems(db: Db, cycleId: string, filter: MatrixFilter) {
  return db
    .selectFrom('follow_up_cycle_item')
    .innerJoin('follow_up_item', 'follow_up_item.id', 'follow_up_cycle_item.item_id')
    .innerJoin('document', 'document.id', 'follow_up_item.document_id')
    .select([
      'follow_up_item.id',
      'follow_up_item.number',
      'follow_up_item.document_node_id',
      'document.slug',
      'document.original_lang',
    ])
    .where('follow_up_cycle_item.cycle_id', '=', cycleId)
    .where((eb) => itemsKept(eb, 'follow_up_item.id', filter))
    .orderBy('document.adopted_on')
    .orderBy('document.slug')
    .orderBy('follow_up_item.position')
    .execute();
}

/** The documents with items in the cycle, by slug. */
export async function cycleDocuments(db: Db, cycleId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('follow_up_cycle_item')
    .innerJoin('follow_up_item', 'follow_up_item.id', 'follow_up_cycle_item.item_id')
    .innerJoin('document', 'document.id', 'follow_up_item.document_id')
    .select('document.slug')
    .distinct()
    .where('follow_up_cycle_item.cycle_id', '=', cycleId)
    .orderBy('document.slug')
    .execute();
  return rows.map((row) => row.slug);
}

/** The states asked by the cycle (of one subregion, if asked). */
export function cycleStates(db: Db, cycleId: string, subregion: Subregion | undefined) {
  let query = db
    .selectFrom('follow_up_cycle_state')
    .innerJoin('member_state', 'member_state.id', 'follow_up_cycle_state.member_state_id')
    .select(['member_state.slug', 'member_state.iso2', 'member_state.iso3'])
    .where('cycle_id', '=', cycleId)
    .orderBy('member_state.iso3');
  if (subregion) query = query.where('member_state.subregion', '=', subregion);
  return query.execute();
}

/**
 * Implementation counts of a cycle's accepted reports the reader may see, grouped in the database
 * by state, pillar, document or subregion: reports with a status, implemented, not applicable.
 * Counted in two steps: first the reports alone, per state (or per item) and status, which
 * `follow_up_report_rates_idx` (cycle, state, member state, status, published) covers and, per
 * state, hands over already in group order, so each report costs one step of an index scan (the
 * per-item counts read `follow_up_report_matrix_idx`, which leads with the cycle and the item);
 * then those few rows (35 states × 5 statuses, or the cycle's items × 5) are joined to what they
 * are grouped by and summed. Joining each of a cycle's 175,000 reports to its state, item and
 * document first, as before, cost more than the counting (issue 15's benchmark).
 */
export function rateCounts(db: Db, cycleId: string, by: RateGroup, reach: Reach) {
  const perState = by === 'state' || by === 'subregion';
  const column = perState ? 'follow_up_report.member_state_id' : 'follow_up_report.item_id';
  const counted = db
    .selectFrom('follow_up_report')
    .select((eb) => [sql.ref<string>(column).as('counted_id'), 'follow_up_report.status', eb.fn.countAll().as('n')])
    .where('follow_up_report.cycle_id', '=', cycleId)
    .where('follow_up_report.state', '=', 'accepted')
    .where('follow_up_report.status', 'is not', null)
    .where(visibleReports(reach))
    .groupBy([column, 'follow_up_report.status'])
    .as('counted');
  const base = db.selectFrom(counted);
  // A report counts once under each pillar of its item.
  const query = perState
    ? base.innerJoin('member_state', 'member_state.id', 'counted.counted_id')
    : by === 'document'
      ? base
          .innerJoin('follow_up_item', 'follow_up_item.id', 'counted.counted_id')
          .innerJoin('document', 'document.id', 'follow_up_item.document_id')
      : base
          .innerJoin('pillar_link', (join) =>
            join
              .onRef('pillar_link.entity_id', '=', 'counted.counted_id')
              .on('pillar_link.entity_type', '=', 'follow_up_item'),
          )
          .innerJoin('pillar', 'pillar.id', 'pillar_link.pillar_id');
  const key = sql.ref(RATE_KEYS[by]);
  const countOf = (status: string) => sql<number>`sum(case when counted.status = ${status} then counted.n else 0 end)`;
  return (query as typeof base)
    .select((eb) => [
      sql<string>`${key}`.as('key'),
      eb.fn.sum<number>('counted.n').as('reported'),
      countOf('implemented').as('implemented'),
      countOf('not-applicable').as('not_applicable'),
    ])
    .groupBy(key)
    .orderBy(key)
    .execute();
}

/** The column each grouping of the rates is keyed by. */
const RATE_KEYS = {
  state: 'member_state.slug',
  pillar: 'pillar.code',
  document: 'document.slug',
  subregion: 'member_state.subregion',
} as const satisfies Record<RateGroup, string>;

// E-mails of the cycles

/** Cycles whose opening e-mail is due (opening date reached, none sent) or whose reminder is
 * (deadline between `today` and `horizon`, none sent). */
export function cyclesDueForMail(db: Db, what: 'opening' | 'reminder', today: string, horizon: string) {
  const query = db.selectFrom('follow_up_cycle').selectAll();
  if (what === 'opening') return query.where('opening_sent_at', 'is', null).where('opens_on', '<=', today).execute();
  return query
    .where('reminder_sent_at', 'is', null)
    .where('opens_on', '<=', today)
    .where('deadline', '>=', today)
    .where('deadline', '<=', horizon)
    .execute();
}

/** Marks the cycle's e-mail sent, unless another run did first: true when this one claimed it. */
export async function claimCycleMail(trx: Transaction<Database>, id: string, what: 'opening' | 'reminder', at: string) {
  const column = what === 'opening' ? 'opening_sent_at' : 'reminder_sent_at';
  const result = await trx
    .updateTable('follow_up_cycle')
    .set({ [column]: at })
    .where('id', '=', id)
    .where(column, 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The states of a cycle that have not yet submitted a report on every item. */
export async function statesStillReporting(db: Db, cycleId: string): Promise<string[]> {
  const [items, states, done] = await Promise.all([
    db
      .selectFrom('follow_up_cycle_item')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('cycle_id', '=', cycleId)
      .executeTakeFirst(),
    db.selectFrom('follow_up_cycle_state').select('member_state_id').where('cycle_id', '=', cycleId).execute(),
    db
      .selectFrom('follow_up_report')
      .select((eb) => ['member_state_id', eb.fn.countAll<number>().as('n')])
      .where('cycle_id', '=', cycleId)
      .where('state', 'in', ['submitted', 'accepted'])
      .groupBy('member_state_id')
      .execute(),
  ]);
  const expected = Number(items?.n ?? 0);
  const submitted = new Map(done.map((d) => [d.member_state_id, Number(d.n)]));
  return states.map((s) => s.member_state_id).filter((id) => (submitted.get(id) ?? 0) < expected);
}
