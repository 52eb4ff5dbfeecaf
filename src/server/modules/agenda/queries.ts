import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { deleteUnchanged, type Seen, updateUnchanged } from '../shared/concurrency.js';

type Db = Kysely<Database> | Transaction<Database>;

const ITEM_COLUMNS = ['id', 'meeting_id', 'position', 'starts_at', 'ends_at', 'presenters', 'version'] as const;

export type AgendaItemRow = Awaited<ReturnType<typeof listItems>>[number];

/** The items of a meeting's agenda in order (ties, from concurrent adds, by creation). */
export function listItems(db: Db, meetingId: string) {
  return db
    .selectFrom('agenda_item')
    .select(ITEM_COLUMNS)
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export function findItem(db: Db, meetingId: string, id: string) {
  return db
    .selectFrom('agenda_item')
    .select(ITEM_COLUMNS)
    .where('meeting_id', '=', meetingId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The position after the last of a meeting's ordered rows (agenda items, decisions). */
export async function nextPosition(
  db: Db,
  table: 'agenda_item' | 'meeting_decision',
  meetingId: string,
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('position').as('last'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

/** A row of a meeting's ordered list as read now, with what a writer must have seen of it. */
type Ordered = { id: string; position: number; seen: Seen; stamp: string };

/** Is `seen` what the row is now? */
const same = (a: Seen, b: Seen) =>
  'version' in a ? 'version' in b && a.version === b.version : 'updatedAt' in b && a.updatedAt === b.updatedAt;

/**
 * Puts a meeting's ordered rows (agenda items, decisions) in the order asked, which names every row
 * with what was read of it (and any other change the new order brings to it, `set`); each moved row is written only if still so (its version or updatedAt
 * moves on, which is what makes a concurrent reorder fail). False when the rows or any of them
 * changed since they were read: the caller's transaction then rolls back.
 */
export async function writeOrder(
  db: Db,
  table: 'agenda_item' | 'meeting_decision',
  current: readonly Ordered[],
  wanted: readonly { id: string; seen: Seen; set?: Record<string, string | null> }[],
): Promise<boolean> {
  const unchanged =
    current.length === wanted.length && wanted.every((w) => current.some((c) => c.id === w.id && same(w.seen, c.seen)));
  if (!unchanged) return false;
  const changes = wanted
    .map(({ id, set }, index) => ({ row: current.find((c) => c.id === id) as Ordered, position: index + 1, set }))
    .filter(({ row, position, set }) => row.position !== position || set !== undefined)
    // Rows are written in id order, whatever the new order: two reorders then lock them in the same
    // order and the second waits for the first instead of deadlocking with it.
    .sort((x, y) => (x.row.id < y.row.id ? -1 : 1));
  for (const { row, position, set } of changes) {
    if (!(await updateUnchanged(db, table, row.id, row.seen, { ...set, position, updated_at: row.stamp })))
      return false;
  }
  return true;
}

export async function insertItem(db: Db, row: Insertable<Database['agenda_item']>) {
  await db.insertInto('agenda_item').values(row).execute();
}

/** Removes the item, if still at the version read, with its texts and pillar links (kept by record
 * type, not by foreign key). */
export async function deleteItem(db: Db, id: string, seen: { version: number }): Promise<boolean> {
  if (!(await deleteUnchanged(db, 'agenda_item', id, seen))) return false;
  await db.deleteFrom('translation').where('entity_type', '=', 'agenda_item').where('entity_id', '=', id).execute();
  await db.deleteFrom('pillar_link').where('entity_type', '=', 'agenda_item').where('entity_id', '=', id).execute();
  return true;
}

/** Positions 1…n again after a removal; the order is unchanged, so versions are not bumped. */
export async function renumber(db: Db, meetingId: string, at: string) {
  const items = await listItems(db, meetingId);
  for (const [index, item] of items.entries()) {
    if (item.position !== index + 1) {
      await db
        .updateTable('agenda_item')
        .set({ position: index + 1, updated_at: at })
        .where('id', '=', item.id)
        .execute();
    }
  }
}

/** Every translation of the items: the editor shows all four languages. */
export function itemTexts(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('translation')
    .select(['entity_id', 'field', 'lang', 'text', 'official'])
    .where('entity_type', '=', 'agenda_item')
    .where('entity_id', 'in', ids)
    .execute();
}

/** Linked documents with the symbol of their original (revision 0), if it has one yet; those kept
 * for delegations only when `delegations` (the reader may see them). */
export function itemDocuments(db: Db, ids: readonly string[], delegations: boolean) {
  if (ids.length === 0) return Promise.resolve([]);
  let query = db
    .selectFrom('agenda_item_document')
    .innerJoin('meeting_document', 'meeting_document.id', 'agenda_item_document.meeting_document_id')
    .leftJoin('meeting_document_revision', (join) =>
      join
        .onRef('meeting_document_revision.document_id', '=', 'agenda_item_document.meeting_document_id')
        .on('meeting_document_revision.revision', '=', 0),
    )
    .select([
      'agenda_item_document.agenda_item_id',
      'agenda_item_document.meeting_document_id',
      'meeting_document_revision.symbol',
    ])
    .where('agenda_item_document.agenda_item_id', 'in', ids);
  if (!delegations) query = query.where('meeting_document.visibility', '=', 'public');
  return query
    .orderBy('meeting_document_revision.symbol')
    .orderBy('agenda_item_document.meeting_document_id')
    .execute();
}

/** The document, if it belongs to the meeting. */
export function meetingDocumentOf(db: Db, meetingId: string, id: string) {
  return db
    .selectFrom('meeting_document')
    .select(['id'])
    .where('meeting_id', '=', meetingId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function linkDocument(db: Db, itemId: string, documentId: string) {
  await db
    .insertInto('agenda_item_document')
    .values({ agenda_item_id: itemId, meeting_document_id: documentId })
    .onConflict((oc) => oc.columns(['agenda_item_id', 'meeting_document_id']).doNothing())
    .execute();
}

export async function unlinkDocument(db: Db, itemId: string, documentId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('agenda_item_document')
    .where('agenda_item_id', '=', itemId)
    .where('meeting_document_id', '=', documentId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
