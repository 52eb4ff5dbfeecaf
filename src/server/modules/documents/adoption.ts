import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { canonicalJson, isAdoptable } from '../../../domain/negotiation.js';
import type { Database } from '../../db/schema.js';
import { ProblemError } from '../../http/problems.js';
import { type DocumentRow, footnotesOf, patchDocument, textsOf } from './queries.js';
import { bodySnapshot } from './versions.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The SHA-256 of the adopted text: its symbol, original language, body (every node in document
 * order with its number, mark and texts in every language) and footnotes, serialised with sorted keys
 * (`canonicalJson`), so that the same text always gives the same hash. A historic document's
 * footnotes from the reference data are what sources tell of it, kept up to date as they are found,
 * not part of the text imported: they stay out of it.
 */
export async function contentHash(db: Db, row: DocumentRow): Promise<string> {
  const body = await bodySnapshot(db, row);
  const [texts, footnotes] = await Promise.all([
    textsOf(
      db,
      body.map((n) => n.id),
    ),
    footnotesOf(db, row.id),
  ]);
  const canonical = canonicalJson({
    symbol: row.symbol,
    originalLang: row.original_lang,
    body: body.map((n) => ({
      id: n.id,
      kind: n.kind,
      parentId: n.parentId,
      number: n.number,
      mark: n.mark,
      texts: Object.fromEntries(texts.filter((t) => t.node_id === n.id).map((t) => [t.lang, t.text])),
    })),
    footnotes: footnotes
      .filter((f) => f.managed_by === 'platform')
      .map((f) => ({
        nodeId: f.node_id,
        state: f.member_state_id,
        kind: f.kind,
        lang: f.lang,
        text: f.text,
      })),
  });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** What stands in the way of adoption: pending amendments, open brackets, standing objections. */
export async function blockersOf(db: Db, documentId: string) {
  const [amendments, brackets, objections] = await Promise.all([
    db
      .selectFrom('document_amendment')
      .select(['id', 'node_id', 'kind'])
      .where('document_id', '=', documentId)
      .where('status', '=', 'pending')
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('document_bracket')
      .select(['id', 'node_id'])
      .where('document_id', '=', documentId)
      .where('status', '=', 'open')
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('document_objection')
      .select(['id', 'node_id', 'member_state_id'])
      .where('document_id', '=', documentId)
      .where('status', '=', 'standing')
      .orderBy('created_at')
      .execute(),
  ]);
  return { amendments, brackets, objections };
}
export type BlockerRows = Awaited<ReturnType<typeof blockersOf>>;

/** 409 naming how many of each blocker stand, unless nothing blocks adoption. */
export async function requireAdoptable(db: Db, documentId: string) {
  const { amendments, brackets, objections } = await blockersOf(db, documentId);
  const counts = { amendments: amendments.length, brackets: brackets.length, objections: objections.length };
  if (
    !isAdoptable({
      pendingAmendments: counts.amendments,
      openBrackets: counts.brackets,
      standingObjections: counts.objections,
    })
  )
    throw new ProblemError(409, 'blocked', 'outcomeDocuments.blocked', counts);
}

/** The audit trail's view of a document. */
export const audited = (row: Partial<DocumentRow>) => ({
  type: row.type,
  status: row.status,
  originalLang: row.original_lang,
  symbol: row.symbol,
  version: row.version,
});

/**
 * Adopts the document in `trx` (its version already claimed): the date, and the text frozen from
 * here with its content hash (no write changes an adopted document's body or footnotes). One way
 * for the chair's adoption and the silence procedure's, with the audit change both record.
 */
export async function adopt(
  trx: Transaction<Database>,
  row: DocumentRow,
  at: string,
  patch: Partial<DocumentRow> = {},
) {
  const adopted: Partial<DocumentRow> = { ...patch, status: 'adopted', adopted_on: at.slice(0, 10) };
  // Adopted while silence ran: the procedure is over, by the same outcome.
  if (row.silence_status === 'running') adopted.silence_status = 'adopted';
  adopted.content_hash = await contentHash(trx, { ...row, ...adopted } as DocumentRow);
  await patchDocument(trx, row.id, adopted);
  return {
    action: 'outcome-documents.status' as const,
    before: audited(row),
    after: { ...audited({ ...row, ...adopted, version: row.version + 1 }), contentHash: adopted.content_hash },
  };
}
