import { type Db, entity, withTimestamps } from './builders.js';

/**
 * The states that chaired a technical group, per period (issue 16): the meeting that elected or
 * designated each and, when known, the meeting that chose the next. A group's `lead_state_id` stays
 * the overview's single statement; chairs are the elections over time (docs/data.md). The rows come
 * from data/reference/technical-groups.json; their sources are `source` rows of this entity type.
 */

export async function up(db: Db): Promise<void> {
  await withTimestamps(
    entity(db, 'technical_group_chair')
      .addColumn('technical_group_id', 'text', (c) => c.notNull().references('technical_group.id'))
      .addColumn('member_state_id', 'text', (c) => c.notNull().references('member_state.id'))
      .addColumn('selection', 'text', (c) => c.notNull())
      .addColumn('from_meeting_id', 'text', (c) => c.notNull().references('meeting.id'))
      .addColumn('until_meeting_id', 'text', (c) => c.references('meeting.id'))
      .addUniqueConstraint('technical_group_chair_unique', [
        'technical_group_id',
        'member_state_id',
        'from_meeting_id',
      ]),
  ).execute();
  // The member-state page reads a state's chairs; the group's are covered by the unique constraint.
  await db.schema
    .createIndex('technical_group_chair_state_idx')
    .on('technical_group_chair')
    .column('member_state_id')
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.deleteFrom('source').where('entity_type', '=', 'technical_group_chair').execute();
  await db.schema.dropTable('technical_group_chair').execute();
}
