import type { Db } from './builders.js';

/**
 * `follow_up_report_rates_idx` without its last column, the item: (cycle, state, member state,
 * status, published). The rates by state count a cycle's accepted reports per state and status and
 * never read the item; with it every entry of the index was distinct, without it the entries of one
 * state and status are alike, which PostgreSQL's B-tree deduplication stores once with a list of
 * rows. On the large bench data set (1.75 million reports) the index went from 300 MB to 14 MB, and
 * the secretariat's count of a cycle's 154,000 accepted reports reads that much less: it took about
 * a fifth of the time on a shared machine (docs/performance.md), and PostgreSQL no longer splits it
 * over parallel workers. The rates by item (by document or pillar) are covered by
 * `follow_up_report_matrix_idx`, which leads with the cycle and the item.
 */

export async function up(db: Db): Promise<void> {
  await db.schema.dropIndex('follow_up_report_rates_idx').execute();
  await db.schema
    .createIndex('follow_up_report_rates_idx')
    .on('follow_up_report')
    .columns(['cycle_id', 'state', 'member_state_id', 'status', 'published'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('follow_up_report_rates_idx').execute();
  await db.schema
    .createIndex('follow_up_report_rates_idx')
    .on('follow_up_report')
    .columns(['cycle_id', 'state', 'member_state_id', 'status', 'published', 'item_id'])
    .execute();
}
