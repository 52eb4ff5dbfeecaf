import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { documentOrder, numbering, outlineOf } from '../../../domain/outcome-documents.js';
import type { Database } from '../../db/schema.js';
import type { DocumentRow } from './queries.js';
import { nodesOf, textsOf } from './queries.js';
import { wordDiff } from './word-diff.js';

type Db = Kysely<Database> | Transaction<Database>;

/** A node as a version keeps it: enough to show and compare the text at that point. */
export interface VersionedNode {
  id: string;
  kind: 'section' | 'preambular' | 'operative';
  parentId: string | null;
  number: number | null;
  mark: string | null;
  /** In the original language. */
  text: string;
}

/** The body as it is now, in document order, numbered, in the original language. */
export async function bodySnapshot(
  db: Db,
  document: Pick<DocumentRow, 'id' | 'original_lang'>,
): Promise<VersionedNode[]> {
  const nodes = await nodesOf(db, document.id);
  const outline = outlineOf(
    nodes.map((n) => ({ id: n.id, kind: n.kind, parentId: n.parent_id, position: n.position })),
  );
  const order = documentOrder(outline);
  const numbers = numbering(outline);
  const texts = new Map(
    (await textsOf(db, order)).filter((t) => t.lang === document.original_lang).map((t) => [t.node_id, t.text]),
  );
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return order.map((id) => {
    const node = byId.get(id) as (typeof nodes)[number];
    return {
      id,
      kind: node.kind,
      parentId: node.parent_id,
      number: numbers.get(id) ?? null,
      mark: node.mark,
      text: texts.get(id) ?? '',
    };
  });
}

/** Records the text as the write in `trx` left it: the document's next version, who made it, how. */
export async function recordVersion(
  trx: Transaction<Database>,
  version: {
    document: DocumentRow;
    action: string;
    madeBy: string | null;
    amendment: string | null;
    at: string;
    /** The consolidated revision, when this write issues one. */
    revision?: number;
  },
) {
  const { document, at } = version;
  await trx
    .insertInto('document_version')
    .values({
      id: uuidv7(),
      document_id: document.id,
      number: document.version + 1,
      revision: version.revision ?? document.revision,
      action: version.action,
      made_by: version.madeBy,
      amendment_id: version.amendment,
      body: JSON.stringify(await bodySnapshot(trx, document)),
      created_at: at,
      updated_at: at,
    })
    .execute();
}

export function versionsOf(db: Db, documentId: string) {
  return db
    .selectFrom('document_version')
    .leftJoin('app_user', 'app_user.id', 'document_version.made_by')
    .select([
      'document_version.number',
      'document_version.revision',
      'document_version.action',
      'document_version.amendment_id',
      'document_version.created_at',
      'app_user.display_name',
    ])
    .where('document_version.document_id', '=', documentId)
    .orderBy('document_version.number')
    .execute();
}
export type VersionRow = Awaited<ReturnType<typeof versionsOf>>[number];

export async function versionBody(db: Db, documentId: string, number: number): Promise<VersionedNode[] | null> {
  const row = await db
    .selectFrom('document_version')
    .select('body')
    .where('document_id', '=', documentId)
    .where('number', '=', number)
    .executeTakeFirst();
  return row ? (JSON.parse(row.body) as VersionedNode[]) : null;
}

/** Paragraph by paragraph, what changed from one body to another: in the later order, each removed
 * node placed after the one it followed. */
export function compareBodies(from: readonly VersionedNode[], to: readonly VersionedNode[]) {
  const before = new Map(from.map((n, i) => [n.id, { node: n, index: i }]));
  const after = new Set(to.map((n) => n.id));
  const side = (n: VersionedNode | undefined) => (n ? { number: n.number, text: n.text } : null);
  const changes = to.map((node) => {
    const was = before.get(node.id)?.node;
    const moved = was !== undefined && was.parentId !== node.parentId;
    const change = !was
      ? 'added'
      : was.text !== node.text
        ? 'changed'
        : moved || was.number !== node.number
          ? 'moved'
          : 'same';
    return {
      id: node.id,
      kind: node.kind,
      change: change as 'added' | 'changed' | 'moved' | 'same' | 'removed',
      from: side(was),
      to: side(node),
      diff: wordDiff(was?.text ?? '', node.text),
    };
  });
  // Each removed node goes after the last node before it that is still there.
  for (const [index, node] of from.entries()) {
    if (after.has(node.id)) continue;
    const anchor = from
      .slice(0, index)
      .reverse()
      .find((n) => after.has(n.id) || changes.some((c) => c.id === n.id));
    const at = anchor ? changes.findIndex((c) => c.id === anchor.id) + 1 : 0;
    changes.splice(at, 0, {
      id: node.id,
      kind: node.kind,
      change: 'removed',
      from: side(node),
      to: null,
      diff: wordDiff(node.text, ''),
    });
  }
  return changes;
}
