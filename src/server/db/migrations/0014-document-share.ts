import type { Db } from './builders.js';
import { withTimestamps } from './builders.js';

/**
 * Outcome documents shared with strategic partners (issue 13): a text not yet adopted is read by a
 * partner organisation only while the secretariat shares it with that partner, one row per pair.
 */

export async function up(db: Db): Promise<void> {
  await withTimestamps(
    db.schema
      .createTable('document_share')
      .addColumn('document_id', 'text', (c) => c.notNull().references('document.id').onDelete('cascade'))
      .addColumn('partner_id', 'text', (c) => c.notNull().references('partner.id').onDelete('cascade'))
      .addColumn('shared_by', 'text', (c) => c.references('app_user.id'))
      .addPrimaryKeyConstraint('document_share_pk', ['document_id', 'partner_id']),
  ).execute();
  await db.schema.createIndex('document_share_partner_idx').on('document_share').column('partner_id').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('document_share').execute();
}
