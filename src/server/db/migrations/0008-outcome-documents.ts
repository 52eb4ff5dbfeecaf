import { sql } from 'kysely';
import { type Db, entity, withTimestamps } from './builders.js';

/**
 * Outcome documents (issue 13): the `document` table, which held only the historic adopted
 * documents of the reference data, also holds the documents drafted on the platform
 * (`managed_by = 'platform'`, left alone by the reference loader), with a status, an original
 * language, the number of their symbol in the meeting's series and a version for optimistic
 * concurrency. Their body is an outline of sections and paragraphs (`document_node`) with a text per
 * language and its translation state (`document_node_text`); documents link to each other
 * (`document_link`: reaffirms, supersedes, implements).
 */

const DOCUMENT_COLUMNS = [
  ['managed_by', "not null default 'reference'", sql`managed_by in ('reference', 'platform')`],
  // The historic documents are adopted: the default fills their rows.
  [
    'status',
    "not null default 'adopted'",
    sql`status in ('draft', 'under-negotiation', 'agreed-ad-referendum', 'adopted', 'withdrawn')`,
  ],
] as const;

export async function up(db: Db): Promise<void> {
  for (const [name, modifiers, check] of DOCUMENT_COLUMNS) {
    await sql`alter table document add column ${sql.ref(name)} text ${sql.raw(modifiers)} check (${check})`.execute(db);
  }
  // No REFERENCES on added columns: SQLite could not drop them again in `down`.
  for (const column of ['original_lang', 'created_by']) {
    await db.schema.alterTable('document').addColumn(column, 'text').execute();
  }
  // The number in its meeting's `doc` series, given when negotiation opens.
  await db.schema.alterTable('document').addColumn('sequence', 'integer').execute();
  await db.schema
    .alterTable('document')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await withTimestamps(
    entity(db, 'document_node')
      .addColumn('document_id', 'text', (c) => c.notNull().references('document.id').onDelete('cascade'))
      // The section holding it; null at the top of the body.
      .addColumn('parent_id', 'text', (c) => c.references('document_node.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('section', 'preambular', 'operative')`))
      .addColumn('mark', 'text', (c) =>
        c.check(sql`mark is null or mark in ('recommendation', 'commitment', 'mandate')`),
      ),
  ).execute();

  await withTimestamps(
    db.schema
      .createTable('document_node_text')
      .addColumn('node_id', 'text', (c) => c.notNull().references('document_node.id').onDelete('cascade'))
      .addColumn('lang', 'text', (c) => c.notNull().references('language.code'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending', 'done')`))
      .addPrimaryKeyConstraint('document_node_text_pk', ['node_id', 'lang']),
  ).execute();

  await withTimestamps(
    entity(db, 'document_link')
      .addColumn('from_document_id', 'text', (c) => c.notNull().references('document.id').onDelete('cascade'))
      .addColumn('to_document_id', 'text', (c) => c.notNull().references('document.id').onDelete('cascade'))
      .addColumn('relation', 'text', (c) =>
        c.notNull().check(sql`relation in ('reaffirms', 'supersedes', 'implements')`),
      )
      .addColumn('managed_by', 'text', (c) => c.notNull().check(sql`managed_by in ('reference', 'platform')`))
      // The public source of a historic link.
      .addColumn('source_url', 'text')
      .addUniqueConstraint('document_link_unique', ['from_document_id', 'to_document_id', 'relation']),
  ).execute();

  await db.schema
    .createIndex('document_node_document_idx')
    .on('document_node')
    .columns(['document_id', 'parent_id', 'position'])
    .execute();
  await db.schema.createIndex('document_link_to_idx').on('document_link').column('to_document_id').execute();
  await db.schema.createIndex('document_status_idx').on('document').columns(['status', 'meeting_id']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('document_status_idx').execute();
  for (const table of ['document_link', 'document_node_text', 'document_node']) {
    await db.schema.dropTable(table).execute();
  }
  // Drafts have no place in the reference table the earlier schema knows.
  await db
    .deleteFrom('translation')
    .where('entity_type', '=', 'document')
    .where('entity_id', 'in', db.selectFrom('document').select('id').where('managed_by', '=', 'platform'))
    .execute();
  await db.deleteFrom('document').where('managed_by', '=', 'platform').execute();
  for (const column of ['version', 'sequence', 'created_by', 'original_lang', 'status', 'managed_by']) {
    await db.schema.alterTable('document').dropColumn(column).execute();
  }
}
