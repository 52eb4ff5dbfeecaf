import type { Db } from './builders.js';

/** A preparatory meeting names the ministerial meeting it prepares (issue 16): both pages link the other. */

export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('meeting')
    .addColumn('prepares_meeting_id', 'text', (c) => c.references('meeting.id'))
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('meeting').dropColumn('prepares_meeting_id').execute();
}
