import { sql } from 'kysely';
import { type Db, entity, withTimestamps } from './builders.js';

/**
 * Meetings run on the platform: the meeting itself gains kind, lifecycle status, venue, times with
 * their time zone and per-meeting settings; then agenda items, delegations and their participants,
 * stored files, meeting documents with revisions and files per language, minutes and reports with
 * their versions and comments, and the decisions of the concluding record. Records the platform
 * creates in a table the reference data also fills (meetings, partners) are marked
 * `managed_by = 'platform'`, so loading the reference files never touches them.
 */

const MEETING_COLUMNS = [
  ['managed_by', "not null default 'reference'", sql`managed_by in ('reference', 'platform')`],
  ['kind', "not null default 'ministerial'", sql`kind in ('ministerial', 'preparatory', 'technical-group')`],
  [
    'status',
    "not null default 'concluded'",
    sql`status in ('draft', 'convened', 'registration-open', 'registration-closed', 'in-session', 'concluded', 'cancelled')`,
  ],
  ['format', '', sql`format is null or format in ('in-person', 'virtual', 'hybrid')`],
] as const;

export async function up(db: Db): Promise<void> {
  for (const [name, modifiers, check] of MEETING_COLUMNS) {
    // SQLite accepts a CHECK on an added column, PostgreSQL too; both need the default for old rows.
    await sql`alter table meeting add column ${sql.ref(name)} text ${sql.raw(modifiers)} check (${check})`.execute(db);
  }
  // Columns added to existing tables carry no REFERENCES: SQLite cannot drop such a column again, so
  // `down` could not run. The services check that the group or file exists.
  for (const column of [
    'technical_group_id',
    'venue',
    'online_url',
    'time_zone',
    // Instants in UTC (ISO 8601); the venue's wall-clock times come from time_zone.
    'starts_at',
    'ends_at',
    'registration_deadline',
    'reminder_sent_at',
    // JSON: the working languages, e.g. ["es","en"].
    'working_langs',
    // The pattern meeting document symbols are generated from (see the documents of meetings).
    'symbol_pattern',
    // JSON: participant category → visibility in the published list.
    'participant_visibility',
  ]) {
    await db.schema.alterTable('meeting').addColumn(column, 'text').execute();
  }
  // Optimistic concurrency: every edit names the version it read and bumps it.
  await db.schema
    .alterTable('meeting')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await withTimestamps(
    entity(db, 'stored_file')
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('original_name', 'text', (c) => c.notNull())
      .addColumn('storage_key', 'text', (c) => c.notNull().unique())
      .addColumn('created_by', 'text', (c) => c.references('app_user.id')),
  ).execute();

  await sql`alter table partner add column managed_by text not null default 'reference' check (managed_by in ('reference', 'platform'))`.execute(
    db,
  );
  await db.schema.alterTable('partner').addColumn('logo_file_id', 'text').execute();

  await withTimestamps(
    entity(db, 'agenda_item')
      .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('starts_at', 'text')
      .addColumn('ends_at', 'text')
      // JSON array of names, as printed in the agenda.
      .addColumn('presenters', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();

  await withTimestamps(
    entity(db, 'delegation')
      .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
      .addColumn('category', 'text', (c) =>
        c.notNull().check(sql`category in ('delegation', 'observer', 'secretariat', 'press', 'guest')`),
      )
      .addColumn('member_state_id', 'text', (c) => c.references('member_state.id'))
      .addColumn('partner_id', 'text', (c) => c.references('partner.id'))
      // Observers and guests not in the partner table (another organisation, a press outlet).
      .addColumn('organisation', 'text')
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('draft', 'submitted', 'accredited', 'returned')`),
      )
      .addColumn('return_reason', 'text')
      .addColumn('credentials_file_id', 'text', (c) => c.references('stored_file.id'))
      .addColumn('submitted_at', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('decided_by', 'text', (c) => c.references('app_user.id'))
      .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      // One delegation per state per meeting; several observers have no state.
      .addUniqueConstraint('delegation_state_unique', ['meeting_id', 'member_state_id']),
  ).execute();

  await withTimestamps(
    entity(db, 'participant')
      .addColumn('delegation_id', 'text', (c) => c.notNull().references('delegation.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('head', 'alternate', 'adviser', 'member')`))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('title', 'text')
      .addColumn('institution', 'text')
      .addColumn('email', 'text'),
  ).execute();

  // Edits a delegation asks for after the registration deadline, for the secretariat to decide.
  await withTimestamps(
    entity(db, 'delegation_change')
      .addColumn('delegation_id', 'text', (c) => c.notNull().references('delegation.id').onDelete('cascade'))
      // JSON: the participant list asked for.
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'approved', 'rejected')`))
      .addColumn('reason', 'text')
      .addColumn('requested_by', 'text', (c) => c.references('app_user.id'))
      .addColumn('decided_by', 'text', (c) => c.references('app_user.id'))
      .addColumn('decided_at', 'text'),
  ).execute();

  await withTimestamps(
    entity(db, 'meeting_document')
      .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
      .addColumn('category', 'text', (c) =>
        c.notNull().check(sql`category in ('working', 'information', 'presentation', 'report')`),
      )
      // The number in its meeting's series of that category: doc.1, doc.2, … inf.1, …
      .addColumn('sequence', 'integer', (c) => c.notNull())
      .addColumn('original_lang', 'text', (c) => c.notNull().references('language.code'))
      .addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility in ('public', 'delegations')`))
      .addColumn('adopted_at', 'text')
      .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addUniqueConstraint('meeting_document_series_unique', ['meeting_id', 'category', 'sequence']),
  ).execute();

  await withTimestamps(
    entity(db, 'meeting_document_revision')
      .addColumn('document_id', 'text', (c) => c.notNull().references('meeting_document.id').onDelete('cascade'))
      // 0 is the original; `rev. 1`, `rev. 2` follow, every one kept.
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('symbol', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
      .addUniqueConstraint('meeting_document_revision_unique', ['document_id', 'revision']),
  ).execute();

  await withTimestamps(
    entity(db, 'meeting_document_file')
      .addColumn('revision_id', 'text', (c) =>
        c.notNull().references('meeting_document_revision.id').onDelete('cascade'),
      )
      .addColumn('lang', 'text', (c) => c.notNull().references('language.code'))
      .addColumn('file_id', 'text', (c) => c.notNull().references('stored_file.id'))
      .addUniqueConstraint('meeting_document_file_unique', ['revision_id', 'lang']),
  ).execute();

  await db.schema
    .createTable('agenda_item_document')
    .addColumn('agenda_item_id', 'text', (c) => c.notNull().references('agenda_item.id').onDelete('cascade'))
    .addColumn('meeting_document_id', 'text', (c) => c.notNull().references('meeting_document.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('agenda_item_document_pk', ['agenda_item_id', 'meeting_document_id'])
    .execute();

  // Minutes and the report of a meeting: every version kept; only the newest may be a draft.
  await withTimestamps(
    entity(db, 'meeting_record')
      .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('minutes', 'report')`))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'shared', 'final')`))
      .addColumn('lang', 'text', (c) => c.notNull().references('language.code'))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
      .addUniqueConstraint('meeting_record_version_unique', ['meeting_id', 'kind', 'version']),
  ).execute();

  await withTimestamps(
    entity(db, 'meeting_record_comment')
      .addColumn('record_id', 'text', (c) => c.notNull().references('meeting_record.id').onDelete('cascade'))
      .addColumn('author_user_id', 'text', (c) => c.references('app_user.id'))
      .addColumn('member_state_id', 'text', (c) => c.references('member_state.id'))
      .addColumn('body', 'text', (c) => c.notNull()),
  ).execute();

  // The concluding record: decisions in order, each optionally pointing at what was adopted.
  await withTimestamps(
    entity(db, 'meeting_decision')
      .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('lang', 'text', (c) => c.notNull().references('language.code'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('document_id', 'text', (c) => c.references('document.id'))
      .addColumn('meeting_document_id', 'text', (c) => c.references('meeting_document.id').onDelete('set null')),
  ).execute();

  await db.schema.createIndex('meeting_status_idx').on('meeting').columns(['status', 'starts_at']).execute();
  await db.schema.createIndex('meeting_group_idx').on('meeting').column('technical_group_id').execute();
  await db.schema
    .createIndex('agenda_item_meeting_idx')
    .on('agenda_item')
    .columns(['meeting_id', 'position'])
    .execute();
  await db.schema.createIndex('delegation_meeting_idx').on('delegation').columns(['meeting_id', 'category']).execute();
  await db.schema
    .createIndex('participant_delegation_idx')
    .on('participant')
    .columns(['delegation_id', 'position'])
    .execute();
  await db.schema.createIndex('delegation_change_idx').on('delegation_change').column('delegation_id').execute();
  await db.schema.createIndex('meeting_record_comment_idx').on('meeting_record_comment').column('record_id').execute();
  await db.schema
    .createIndex('meeting_decision_idx')
    .on('meeting_decision')
    .columns(['meeting_id', 'position'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of [
    'meeting_decision',
    'meeting_record_comment',
    'meeting_record',
    'agenda_item_document',
    'meeting_document_file',
    'meeting_document_revision',
    'meeting_document',
    'delegation_change',
    'participant',
    'delegation',
    'agenda_item',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('meeting_group_idx').execute();
  await db.schema.dropIndex('meeting_status_idx').execute();
  for (const column of ['logo_file_id', 'managed_by']) {
    await db.schema.alterTable('partner').dropColumn(column).execute();
  }
  await db.schema.dropTable('stored_file').execute();
  for (const column of [
    'version',
    'participant_visibility',
    'symbol_pattern',
    'working_langs',
    'reminder_sent_at',
    'registration_deadline',
    'ends_at',
    'starts_at',
    'time_zone',
    'online_url',
    'venue',
    'technical_group_id',
    ...MEETING_COLUMNS.map(([name]) => name).reverse(),
  ]) {
    await db.schema.alterTable('meeting').dropColumn(column).execute();
  }
}
