import type { Db } from './builders.js';

/**
 * When each user last opened their workspace (issue 16): what was added since is new to them.
 * `previous_visit_at` is the visit before the current sitting, so a page opened twice in a row
 * still shows what was new when the sitting began.
 */

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('workspace_visit')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('app_user.id').onDelete('cascade'))
    .addColumn('visited_at', 'text', (c) => c.notNull())
    .addColumn('previous_visit_at', 'text')
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('workspace_visit').execute();
}
