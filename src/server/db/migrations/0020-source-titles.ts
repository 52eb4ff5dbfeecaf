import { type Db, entity, withTimestamps } from './builders.js';

/**
 * Sources carry a title and a publisher, shown as the link's text instead of a bare URL (issue 16).
 * Every source row belongs to the reference data, so the table is made anew and the reference load
 * is marked undone: the next start writes the sources again, titles included, from data/reference.
 * (SQLite cannot add a NOT NULL column without a default, and a default would be a title nobody set.)
 */

async function makeSourceTable(db: Db, titled: boolean) {
  await db.schema.dropTable('source').execute();
  let table = entity(db, 'source')
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('url', 'text', (c) => c.notNull());
  if (titled)
    table = table.addColumn('title', 'text', (c) => c.notNull()).addColumn('publisher', 'text', (c) => c.notNull());
  await withTimestamps(
    table
      .addColumn('note', 'text')
      .addColumn('position', 'integer', (c) => c.notNull())
      .addUniqueConstraint('source_position_unique', ['entity_type', 'entity_id', 'position']),
  ).execute();
  await db.deleteFrom('reference_load').where('name', '=', 'reference-data').execute();
}

export async function up(db: Db): Promise<void> {
  await makeSourceTable(db, true);
}

export async function down(db: Db): Promise<void> {
  await makeSourceTable(db, false);
}
