import { sql } from 'kysely';
import { type Db, entity, withTimestamps } from './builders.js';

/**
 * Follow-up of recommendations (issue 15). Items are the marked operative paragraphs of adopted
 * outcome documents (one item per paragraph, `document_node_id`, texts read from the paragraph) and
 * the items the secretariat adds for historic documents (texts in the translation table, entity type
 * 'follow_up_item'); pillars of both in pillar_link. Sub-items (texts as 'follow_up_sub_item') carry
 * optional weights. A cycle names its items and states; a report is one state's word on one item in
 * one cycle, kept across cycles as the item's history per state.
 */

export async function up(db: Db): Promise<void> {
  await withTimestamps(
    entity(db, 'follow_up_item')
      .addColumn('document_id', 'text', (c) => c.notNull().references('document.id'))
      // The paragraph it comes from; null for a historic document's item.
      .addColumn('document_node_id', 'text', (c) => c.unique().references('document_node.id'))
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('source_url', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();
  await db.schema
    .createIndex('follow_up_item_document_idx')
    .on('follow_up_item')
    .columns(['document_id', 'position'])
    .execute();

  await withTimestamps(
    entity(db, 'follow_up_sub_item')
      .addColumn('item_id', 'text', (c) => c.notNull().references('follow_up_item.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('weight', 'double precision'),
  ).execute();
  await db.schema
    .createIndex('follow_up_sub_item_idx')
    .on('follow_up_sub_item')
    .columns(['item_id', 'position'])
    .execute();

  await withTimestamps(
    entity(db, 'follow_up_cycle')
      .addColumn('opens_on', 'text', (c) => c.notNull())
      .addColumn('deadline', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
      .addColumn('opening_sent_at', 'text')
      .addColumn('reminder_sent_at', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();
  await db.schema
    .createTable('follow_up_cycle_item')
    .addColumn('cycle_id', 'text', (c) => c.notNull().references('follow_up_cycle.id').onDelete('cascade'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('follow_up_item.id'))
    .addPrimaryKeyConstraint('follow_up_cycle_item_pk', ['cycle_id', 'item_id'])
    .execute();
  await db.schema
    .createTable('follow_up_cycle_state')
    .addColumn('cycle_id', 'text', (c) => c.notNull().references('follow_up_cycle.id').onDelete('cascade'))
    .addColumn('member_state_id', 'text', (c) => c.notNull().references('member_state.id'))
    .addPrimaryKeyConstraint('follow_up_cycle_state_pk', ['cycle_id', 'member_state_id'])
    .execute();

  await withTimestamps(
    entity(db, 'follow_up_report')
      .addColumn('cycle_id', 'text', (c) => c.notNull().references('follow_up_cycle.id').onDelete('cascade'))
      .addColumn('item_id', 'text', (c) => c.notNull().references('follow_up_item.id'))
      .addColumn('member_state_id', 'text', (c) => c.notNull().references('member_state.id'))
      .addColumn('state', 'text', (c) =>
        c.notNull().check(sql`state in ('draft', 'submitted', 'changes-requested', 'accepted')`),
      )
      .addColumn('status', 'text', (c) =>
        c.check(
          sql`status is null or status in ('not-started', 'planned', 'in-progress', 'implemented', 'not-applicable')`,
        ),
      )
      .addColumn('not_applicable_reason', 'text')
      .addColumn('measures', 'text')
      .addColumn('institution', 'text')
      .addColumn('cooperation', 'text')
      // Lists kept whole with the report (evidence, indicators, milestones, sub-item statuses):
      // JSON text, never queried into.
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0).check(sql`published in (0, 1)`))
      .addColumn('review_comment', 'text')
      .addColumn('updated_by', 'text', (c) => c.references('app_user.id'))
      .addColumn('submitted_at', 'text')
      .addColumn('reviewed_at', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addUniqueConstraint('follow_up_report_unique', ['cycle_id', 'item_id', 'member_state_id']),
  ).execute();
  // The matrix and the rates group one cycle's reports by state and item.
  await db.schema
    .createIndex('follow_up_report_cycle_idx')
    .on('follow_up_report')
    .columns(['cycle_id', 'state', 'published', 'member_state_id', 'item_id', 'status'])
    .execute();
  await db.schema
    .createIndex('follow_up_report_history_idx')
    .on('follow_up_report')
    .columns(['item_id', 'member_state_id'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await sql`delete from translation where entity_type in ('follow_up_item', 'follow_up_sub_item', 'follow_up_cycle')`.execute(
    db,
  );
  await sql`delete from pillar_link where entity_type = 'follow_up_item'`.execute(db);
  for (const table of [
    'follow_up_report',
    'follow_up_cycle_state',
    'follow_up_cycle_item',
    'follow_up_cycle',
    'follow_up_sub_item',
    'follow_up_item',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
