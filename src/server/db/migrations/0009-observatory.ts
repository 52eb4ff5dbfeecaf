import { sql } from 'kysely';
import { type Db, entity, withTimestamps } from './builders.js';

/**
 * The observatory (issue 14): the indicator catalogue (names and definitions in the translation
 * table, pillars in pillar_link, entity type 'indicator'), one observation per indicator, member
 * state and year, and the earlier values of each corrected observation with who changed them and
 * why. A value a focal point submits waits as `submitted` until the secretariat accepts it
 * (published) or rejects it; only published values are public.
 */

export async function up(db: Db): Promise<void> {
  await withTimestamps(
    entity(db, 'indicator')
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('iccs_code', 'text')
      .addColumn('sdg_code', 'text')
      .addColumn('source_type', 'text', (c) =>
        c.notNull().check(sql`source_type in ('criminal-justice', 'public-health', 'survey', 'other')`),
      )
      .addColumn('source_organisation', 'text', (c) => c.notNull())
      .addColumn('source_url', 'text', (c) => c.notNull())
      .addColumn('licence', 'text', (c) => c.notNull())
      .addColumn('licence_url', 'text')
      // The line every reply carrying the data shows, as the source asks to be credited.
      .addColumn('attribution', 'text', (c) => c.notNull())
      .addColumn('higher_is_worse', 'integer', (c) => c.notNull().check(sql`higher_is_worse in (0, 1)`))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();

  await withTimestamps(
    entity(db, 'observation')
      .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
      .addColumn('member_state_id', 'text', (c) => c.notNull().references('member_state.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      // Double precision on both engines (PostgreSQL's `real` would round the values).
      .addColumn('value', 'double precision', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('published', 'submitted', 'rejected')`))
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('notes', 'text')
      .addColumn('break_in_series', 'integer', (c) => c.notNull().defaultTo(0).check(sql`break_in_series in (0, 1)`))
      .addColumn('submitted_by', 'text', (c) => c.references('app_user.id'))
      .addColumn('reviewed_by', 'text', (c) => c.references('app_user.id'))
      .addColumn('reviewed_at', 'text')
      .addColumn('review_reason', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();
  // One published value per state and year; submitted and rejected ones may sit beside it.
  await db.schema
    .createIndex('observation_published_unique')
    .on('observation')
    .columns(['indicator_id', 'member_state_id', 'year'])
    .unique()
    .where(sql.ref('status'), '=', 'published')
    .execute();
  await db.schema
    .createIndex('observation_series_idx')
    .on('observation')
    .columns(['indicator_id', 'status', 'member_state_id', 'year'])
    .execute();

  await withTimestamps(
    entity(db, 'observation_revision')
      .addColumn('observation_id', 'text', (c) => c.notNull().references('observation.id').onDelete('cascade'))
      // The value, source and notes as they were before the correction.
      .addColumn('value', 'double precision', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('notes', 'text')
      .addColumn('break_in_series', 'integer', (c) => c.notNull())
      .addColumn('changed_by', 'text', (c) => c.references('app_user.id'))
      .addColumn('reason', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('observation_revision_idx').on('observation_revision').column('observation_id').execute();
}

export async function down(db: Db): Promise<void> {
  await sql`delete from translation where entity_type = 'indicator'`.execute(db);
  await sql`delete from pillar_link where entity_type = 'indicator'`.execute(db);
  await db.schema.dropTable('observation_revision').execute();
  await db.schema.dropTable('observation').execute();
  await db.schema.dropTable('indicator').execute();
}
