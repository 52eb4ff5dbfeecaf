import type { Db } from './builders.js';
import { entity, withTimestamps } from './builders.js';

/**
 * Files a state attaches to its follow-up report as evidence (issue 15), kept by the files module:
 * one row per file, removed with its report.
 */

export async function up(db: Db): Promise<void> {
  await withTimestamps(
    entity(db, 'follow_up_report_file')
      .addColumn('report_id', 'text', (c) => c.notNull().references('follow_up_report.id').onDelete('cascade'))
      .addColumn('file_id', 'text', (c) => c.notNull().references('stored_file.id'))
      .addColumn('created_by', 'text', (c) => c.references('app_user.id')),
  ).execute();
  await db.schema
    .createIndex('follow_up_report_file_report_idx')
    .on('follow_up_report_file')
    .column('report_id')
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('follow_up_report_file').execute();
}
