import { sql } from 'kysely';
import type { Db } from './builders.js';

/**
 * The silence procedure on an outcome document (issue 13): besides its deadline (0010's
 * `silence_deadline`), the document keeps the state of its latest procedure (running until the
 * deadline, then adopted — or broken by a state, cancelled by the chair, or lapsed because something
 * blocked adoption at the deadline) and the objection of the state that broke silence.
 */

export async function up(db: Db): Promise<void> {
  await sql`alter table document add column silence_status text check (silence_status in ('running', 'adopted', 'broken', 'cancelled', 'lapsed'))`.execute(
    db,
  );
  await db.schema.alterTable('document').addColumn('silence_objection_id', 'text').execute();
}

export async function down(db: Db): Promise<void> {
  for (const column of ['silence_objection_id', 'silence_status']) {
    await db.schema.alterTable('document').dropColumn(column).execute();
  }
}
