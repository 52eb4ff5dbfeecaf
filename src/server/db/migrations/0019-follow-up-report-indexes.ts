import type { Db } from './builders.js';

/**
 * Indexes of the follow-up reports for the matrix and the rates at scale (issue 15's benchmark:
 * 35 states × 5,000 items × 10 cycles, 1.75 million reports).
 *
 * - `follow_up_report_matrix_idx` (cycle, item, state, published, member state, status): one
 *   document's matrix reads, for each of its items, the cycle's reports on it. The unique index on
 *   cycle, item and state finds them, but without the columns the matrix shows SQLite preferred to
 *   scan the cycle's part of the other covering index for every item; this one covers them.
 * - `follow_up_report_rates_idx` (cycle, state, member state, status, published, item) replaces
 *   `follow_up_report_cycle_idx` (cycle, state, published, member state, item, status): the rates
 *   count the accepted reports per state and status, which this order hands over already grouped,
 *   for the secretariat (all reports) as for the public (published ones, read from the index).
 *   The old order split each state between published and not, so the secretariat's count sorted
 *   the cycle's 150,000 accepted reports first.
 */

export async function up(db: Db): Promise<void> {
  await db.schema
    .createIndex('follow_up_report_matrix_idx')
    .on('follow_up_report')
    .columns(['cycle_id', 'item_id', 'state', 'published', 'member_state_id', 'status'])
    .execute();
  await db.schema.dropIndex('follow_up_report_cycle_idx').execute();
  await db.schema
    .createIndex('follow_up_report_rates_idx')
    .on('follow_up_report')
    .columns(['cycle_id', 'state', 'member_state_id', 'status', 'published', 'item_id'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('follow_up_report_rates_idx').execute();
  await db.schema
    .createIndex('follow_up_report_cycle_idx')
    .on('follow_up_report')
    .columns(['cycle_id', 'state', 'published', 'member_state_id', 'item_id', 'status'])
    .execute();
  await db.schema.dropIndex('follow_up_report_matrix_idx').execute();
}
