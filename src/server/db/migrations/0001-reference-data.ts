import { sql } from 'kysely';
import { type Db, entity, withTimestamps } from './builders.js';

/** The reference data of the process: languages, pillars, states, meetings, documents, groups,
 * networks, team and partners, with their translations, aliases and sources. */

export async function up(db: Db): Promise<void> {
  await withTimestamps(
    db.schema
      .createTable('language')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('position', 'integer', (c) => c.notNull()),
  ).execute();

  await withTimestamps(
    db.schema
      .createTable('translation')
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('lang', 'text', (c) => c.notNull().references('language.code'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('official', 'integer', (c) => c.notNull().check(sqlIn('official', [0, 1])))
      .addColumn('source', 'text')
      .addPrimaryKeyConstraint('translation_pk', ['entity_type', 'entity_id', 'field', 'lang']),
  ).execute();

  await withTimestamps(
    entity(db, 'alias')
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('lang', 'text', (c) => c.notNull().references('language.code'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('source', 'text')
      .addUniqueConstraint('alias_text_unique', ['entity_type', 'entity_id', 'lang', 'text']),
  ).execute();

  await withTimestamps(
    entity(db, 'source')
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('field', 'text')
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('position', 'integer', (c) => c.notNull())
      .addUniqueConstraint('source_position_unique', ['entity_type', 'entity_id', 'position']),
  ).execute();

  await withTimestamps(
    entity(db, 'pillar')
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('position', 'integer', (c) => c.notNull()),
  ).execute();

  await withTimestamps(
    entity(db, 'objective')
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('position', 'integer', (c) => c.notNull()),
  ).execute();

  await withTimestamps(
    entity(db, 'member_state')
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('iso2', 'text', (c) => c.notNull().unique())
      .addColumn('iso3', 'text', (c) => c.notNull().unique())
      .addColumn('iso_numeric', 'text', (c) => c.notNull().unique())
      .addColumn('subregion', 'text', (c) => c.notNull()),
  ).execute();

  await withTimestamps(
    entity(db, 'meeting')
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('ordinal', 'integer', (c) => c.notNull().unique())
      .addColumn('host_state_id', 'text', (c) => c.references('member_state.id'))
      .addColumn('city', 'text')
      .addColumn('start_date', 'text')
      .addColumn('end_date', 'text'),
  ).execute();

  await withTimestamps(
    entity(db, 'document')
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('symbol', 'text', (c) => c.unique())
      .addColumn('adopted_on', 'text'),
  ).execute();

  await withTimestamps(
    entity(db, 'technical_group')
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('created_at_meeting_id', 'text', (c) => c.references('meeting.id'))
      .addColumn('lead_state_id', 'text', (c) => c.references('member_state.id')),
  ).execute();

  await withTimestamps(
    entity(db, 'network')
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('acronym', 'text')
      .addColumn('origin_meeting_id', 'text', (c) => c.references('meeting.id'))
      .addColumn('origin_relation', 'text')
      .addColumn('parent_id', 'text', (c) => c.references('network.id')),
  ).execute();

  await withTimestamps(
    entity(db, 'team_member')
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull()),
  ).execute();

  await withTimestamps(
    entity(db, 'partner')
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('website', 'text'),
  ).execute();

  await withTimestamps(
    db.schema
      .createTable('pillar_link')
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('pillar_id', 'text', (c) => c.notNull().references('pillar.id'))
      .addPrimaryKeyConstraint('pillar_link_pk', ['entity_type', 'entity_id', 'pillar_id']),
  ).execute();

  await withTimestamps(
    db.schema
      .createTable('reference_load')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('checksum', 'text', (c) => c.notNull()),
  ).execute();

  // The indexes the list filters and detail pages use.
  await db.schema.createIndex('meeting_host_state_idx').on('meeting').column('host_state_id').execute();
  await db.schema.createIndex('meeting_start_date_idx').on('meeting').column('start_date').execute();
  await db.schema.createIndex('document_meeting_idx').on('document').columns(['meeting_id', 'position']).execute();
  await db.schema
    .createIndex('technical_group_meeting_idx')
    .on('technical_group')
    .column('created_at_meeting_id')
    .execute();
  await db.schema.createIndex('technical_group_lead_idx').on('technical_group').column('lead_state_id').execute();
  await db.schema.createIndex('network_origin_idx').on('network').column('origin_meeting_id').execute();
  await db.schema
    .createIndex('pillar_link_pillar_idx')
    .on('pillar_link')
    .columns(['pillar_id', 'entity_type'])
    .execute();
  await db.schema.createIndex('translation_lang_idx').on('translation').columns(['entity_type', 'lang']).execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of [
    'reference_load',
    'pillar_link',
    'partner',
    'team_member',
    'network',
    'technical_group',
    'document',
    'meeting',
    'member_state',
    'objective',
    'pillar',
    'source',
    'alias',
    'translation',
    'language',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

function sqlIn(column: string, values: number[]) {
  return sql.raw(`${column} in (${values.join(', ')})`);
}
