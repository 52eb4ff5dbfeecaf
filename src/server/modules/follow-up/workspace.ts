import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { message } from '../../i18n/messages.js';
import {
  type FoundItem,
  namesForItems,
  QUEUE_ITEMS_LIMIT,
  queueOf,
  type WorkspaceQueues,
  type WorkspaceReader,
} from '../shared/workspace-queues.js';
import { followUpPolicy } from './policy.js';

/** Where reports are written and reviewed. */
const REPORTING_PAGE = '/follow-up/reporting';

/**
 * The follow-up's queues (the workspace's extension point): for the secretariat, the reports
 * submitted and waiting for review; for a focal point, their state's reports still to write in the
 * cycles open now (none written yet, a draft, or changes asked for), the nearest deadline first.
 */
export function followUpWorkspaceQueues(deps: { db: Kysely<Database> }): WorkspaceQueues {
  const { db } = deps;

  const submitted = () =>
    db
      .selectFrom('follow_up_report as report')
      .innerJoin('follow_up_item as item', 'item.id', 'report.item_id')
      .where('report.state', '=', 'submitted');

  /** Each (cycle, item, state) a state is asked to report on and has not submitted. */
  const toWrite = (states: readonly string[], today: string) =>
    db
      .selectFrom('follow_up_cycle_item as asked')
      .innerJoin('follow_up_cycle as cycle', 'cycle.id', 'asked.cycle_id')
      .innerJoin('follow_up_cycle_state as reporter', 'reporter.cycle_id', 'cycle.id')
      .innerJoin('follow_up_item as item', 'item.id', 'asked.item_id')
      .leftJoin('follow_up_report as report', (join) =>
        join
          .onRef('report.cycle_id', '=', 'cycle.id')
          .onRef('report.item_id', '=', 'asked.item_id')
          .onRef('report.member_state_id', '=', 'reporter.member_state_id'),
      )
      .where('reporter.member_state_id', 'in', states)
      .where('cycle.opens_on', '<=', today)
      .where((eb) => eb.or([eb('report.id', 'is', null), eb('report.state', 'in', ['draft', 'changes-requested'])]));

  /** An item as the queues name it: its paragraph number and document, in the reader's language. */
  async function describe(
    reader: WorkspaceReader,
    rows: ReadonlyArray<{ id: string; stateId: string; number: string; documentId: string; at: string }>,
  ): Promise<FoundItem[]> {
    const names = await namesForItems(db, reader.lang, {
      states: rows.map((r) => r.stateId),
      documents: rows.map((r) => r.documentId),
    });
    return rows.map((r) => ({
      id: r.id,
      title: names.state(r.stateId) ?? r.stateId,
      detail: [message(reader.lang, 'workspace.paragraph', { number: r.number }), names.document(r.documentId)]
        .filter(Boolean)
        .join(' · '),
      at: r.at,
      path: REPORTING_PAGE,
      meetingId: null,
      meetingSlug: null,
    }));
  }

  async function toReview(reader: WorkspaceReader) {
    const [counted, rows] = await Promise.all([
      submitted()
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow(),
      submitted()
        .select([
          'report.id',
          'report.member_state_id as stateId',
          'item.number',
          'item.document_id as documentId',
          'report.submitted_at',
          'report.updated_at',
        ])
        .orderBy('report.submitted_at')
        .orderBy('report.id')
        .limit(QUEUE_ITEMS_LIMIT)
        .execute(),
    ]);
    const found = rows.map((r) => ({ ...r, at: r.submitted_at ?? r.updated_at }));
    return queueOf(db, reader.lang, 'reports-to-review', counted.n, await describe(reader, found));
  }

  async function reportsToWrite(reader: WorkspaceReader, states: readonly string[]) {
    const today = reader.now.toISOString().slice(0, 10);
    const [counted, rows] = await Promise.all([
      toWrite(states, today)
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow(),
      toWrite(states, today)
        .select([
          'cycle.id as cycleId',
          'item.id as itemId',
          'reporter.member_state_id as stateId',
          'item.number',
          'item.document_id as documentId',
          'cycle.deadline',
        ])
        .orderBy('cycle.deadline')
        .orderBy('item.position')
        .orderBy('item.id')
        .orderBy('reporter.member_state_id')
        .limit(QUEUE_ITEMS_LIMIT)
        .execute(),
    ]);
    const found = rows.map((r) => ({ ...r, id: `${r.cycleId}/${r.itemId}/${r.stateId}`, at: r.deadline }));
    return queueOf(db, reader.lang, 'reports-to-write', counted.n, await describe(reader, found));
  }

  return async (reader) => {
    const queues = [];
    if (followUpPolicy.can(reader.actor, 'follow-up.manage')) queues.push(await toReview(reader));
    const reach = followUpPolicy.reach(reader.actor, 'follow-up.report');
    if (!reach.all && reach.memberStateIds.length > 0) queues.push(await reportsToWrite(reader, reach.memberStateIds));
    return queues;
  };
}
