import type { Db } from './builders.js';
import { entity, withTimestamps } from './builders.js';

/**
 * The observatory's "regional concerns" briefs (issue 14): a draft per ministerial meeting, generated
 * from the trends and edited by the secretariat, with the meeting document it was exported to.
 * `findings` (JSON) are the figures it was generated from; `texts` (JSON) the title and body per
 * language as edited.
 */

export async function up(db: Db): Promise<void> {
  await withTimestamps(
    entity(db, 'regional_brief')
      .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id'))
      .addColumn('years', 'integer', (c) => c.notNull())
      .addColumn('findings', 'text', (c) => c.notNull())
      .addColumn('texts', 'text', (c) => c.notNull())
      .addColumn('meeting_document_id', 'text', (c) => c.references('meeting_document.id'))
      .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();
  await db.schema.createIndex('regional_brief_meeting_idx').on('regional_brief').column('meeting_id').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('regional_brief').execute();
}
