import { sql } from 'kysely';
import type { Db } from './builders.js';

/**
 * Footnotes of the historic documents, from the reference data (issue 15): a state's reservation
 * known from a public source while the document's text is not held. Such a footnote cannot point
 * at a paragraph of the body, so it names the paragraphs it concerns as the source cites them
 * (`concerns`, JSON: `[{ "part": "recommendations", "number": "13" }]`); it is a paraphrase
 * (`official` 0) whose sources are `source` rows of entity type 'document_footnote'; and
 * `managed_by = 'reference'` lets the loader keep these rows in step with its file while leaving the
 * states' own footnotes alone.
 */

const COLUMNS = [
  ['managed_by', "not null default 'platform'", sql`managed_by in ('reference', 'platform')`],
  ['official', 'not null default 1', sql`official in (0, 1)`],
] as const;

export async function up(db: Db): Promise<void> {
  for (const [name, modifiers, check] of COLUMNS) {
    const type = name === 'official' ? sql.raw('integer') : sql.raw('text');
    await sql`alter table document_footnote add column ${sql.ref(name)} ${type} ${sql.raw(modifiers)} check (${check})`.execute(
      db,
    );
  }
  await db.schema.alterTable('document_footnote').addColumn('concerns', 'text').execute();
}

export async function down(db: Db): Promise<void> {
  await db.deleteFrom('source').where('entity_type', '=', 'document_footnote').execute();
  await db.deleteFrom('document_footnote').where('managed_by', '=', 'reference').execute();
  for (const column of ['concerns', 'official', 'managed_by']) {
    await db.schema.alterTable('document_footnote').dropColumn(column).execute();
  }
}
