import { sql } from 'kysely';
import { type Db, entity, withTimestamps } from './builders.js';

/**
 * Negotiating and adopting outcome documents (issue 13): amendments a state proposes and the other
 * states support or object to (`document_amendment`, `document_amendment_position`); the versions
 * of the text, each a snapshot of the body with who made it (`document_version`); brackets with
 * alternative wordings held by states (`document_bracket`, `_alternative`, `_holder`); a paragraph's
 * agreement; footnotes (reservations, interpretative statements) and objections a state records;
 * and on the document its consolidated revision (`rev. N`), the content hash frozen at adoption and
 * the deadline of a silence procedure.
 */

export async function up(db: Db): Promise<void> {
  await sql`alter table document_node add column agreement text not null default 'open' check (agreement in ('open', 'agreed', 'agreed-ad-referendum'))`.execute(
    db,
  );
  await db.schema
    .alterTable('document')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  for (const column of ['content_hash', 'silence_deadline']) {
    await db.schema.alterTable('document').addColumn(column, 'text').execute();
  }

  await withTimestamps(
    entity(db, 'document_amendment')
      .addColumn('document_id', 'text', (c) => c.notNull().references('document.id').onDelete('cascade'))
      // Null for the chair's text that merges amendments.
      .addColumn('member_state_id', 'text', (c) => c.references('member_state.id'))
      .addColumn('proposed_by', 'text')
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('replace', 'insert', 'delete', 'move')`))
      // No foreign key: the paragraph may go with another amendment; accepting this one then says so.
      .addColumn('node_id', 'text', (c) => c.notNull())
      .addColumn('after_id', 'text')
      .addColumn('paragraph_kind', 'text', (c) => c.check(sql`paragraph_kind in ('preambular', 'operative')`))
      .addColumn('text', 'text')
      .addColumn('rationale', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('pending', 'accepted', 'rejected', 'merged', 'withdrawn')`),
      )
      .addColumn('merged_into', 'text')
      // The paragraph an accepted insertion made.
      .addColumn('new_node_id', 'text')
      .addColumn('based_on_version', 'integer', (c) => c.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();

  await withTimestamps(
    db.schema
      .createTable('document_amendment_position')
      .addColumn('amendment_id', 'text', (c) => c.notNull().references('document_amendment.id').onDelete('cascade'))
      .addColumn('member_state_id', 'text', (c) => c.notNull().references('member_state.id'))
      .addColumn('stance', 'text', (c) => c.notNull().check(sql`stance in ('support', 'object')`))
      .addColumn('comment', 'text')
      .addColumn('user_id', 'text')
      .addPrimaryKeyConstraint('document_amendment_position_pk', ['amendment_id', 'member_state_id']),
  ).execute();

  await withTimestamps(
    entity(db, 'document_version')
      .addColumn('document_id', 'text', (c) => c.notNull().references('document.id').onDelete('cascade'))
      // The document's version once this change was made.
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('made_by', 'text')
      .addColumn('amendment_id', 'text')
      // JSON: the body's paragraphs and headings in the original language, in document order.
      .addColumn('body', 'text', (c) => c.notNull())
      .addUniqueConstraint('document_version_unique', ['document_id', 'number']),
  ).execute();

  await withTimestamps(
    entity(db, 'document_bracket')
      .addColumn('document_id', 'text', (c) => c.notNull().references('document.id').onDelete('cascade'))
      .addColumn('node_id', 'text', (c) => c.notNull().references('document_node.id').onDelete('cascade'))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'resolved')`))
      .addColumn('created_by', 'text')
      .addColumn('resolved_by', 'text')
      .addColumn('resolved_at', 'text'),
  ).execute();
  await withTimestamps(
    entity(db, 'document_bracket_alternative')
      .addColumn('bracket_id', 'text', (c) => c.notNull().references('document_bracket.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema
    .createTable('document_bracket_holder')
    .addColumn('alternative_id', 'text', (c) =>
      c.notNull().references('document_bracket_alternative.id').onDelete('cascade'),
    )
    .addColumn('member_state_id', 'text', (c) => c.notNull().references('member_state.id'))
    .addPrimaryKeyConstraint('document_bracket_holder_pk', ['alternative_id', 'member_state_id'])
    .execute();

  await withTimestamps(
    entity(db, 'document_footnote')
      .addColumn('document_id', 'text', (c) => c.notNull().references('document.id').onDelete('cascade'))
      // Null: on the whole text.
      .addColumn('node_id', 'text', (c) => c.references('document_node.id').onDelete('cascade'))
      .addColumn('member_state_id', 'text', (c) => c.notNull().references('member_state.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('reservation', 'interpretative-statement')`))
      .addColumn('lang', 'text', (c) => c.notNull().references('language.code'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text'),
  ).execute();

  await withTimestamps(
    entity(db, 'document_objection')
      .addColumn('document_id', 'text', (c) => c.notNull().references('document.id').onDelete('cascade'))
      .addColumn('node_id', 'text', (c) => c.references('document_node.id').onDelete('cascade'))
      .addColumn('member_state_id', 'text', (c) => c.notNull().references('member_state.id'))
      .addColumn('comment', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('standing', 'withdrawn')`))
      .addColumn('created_by', 'text'),
  ).execute();

  for (const table of [
    'document_amendment',
    'document_version',
    'document_bracket',
    'document_footnote',
    'document_objection',
  ]) {
    await db.schema.createIndex(`${table}_document_idx`).on(table).column('document_id').execute();
  }
}

export async function down(db: Db): Promise<void> {
  for (const table of [
    'document_objection',
    'document_footnote',
    'document_bracket_holder',
    'document_bracket_alternative',
    'document_bracket',
    'document_version',
    'document_amendment_position',
    'document_amendment',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  for (const column of ['silence_deadline', 'content_hash', 'revision']) {
    await db.schema.alterTable('document').dropColumn(column).execute();
  }
  await db.schema.alterTable('document_node').dropColumn('agreement').execute();
}
