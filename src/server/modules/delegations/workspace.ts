import type { Kysely } from 'kysely';
import type { WorkspaceQueue } from '../../../contract/workspace.js';
import type { Database } from '../../db/schema.js';
import {
  type FoundItem,
  namesForItems,
  QUEUE_ITEMS_LIMIT,
  queueOf,
  type WorkspaceQueues,
  type WorkspaceReader,
} from '../shared/workspace-queues.js';
import { delegationsPolicy } from './policy.js';

const ENDED = ['concluded', 'cancelled'] as const;

/** Registrations submitted and waiting for the secretariat's decision, oldest first. */
const submitted = (db: Kysely<Database>) =>
  db
    .selectFrom('delegation')
    .innerJoin('meeting', 'meeting.id', 'delegation.meeting_id')
    .where('meeting.status', 'not in', ENDED)
    .where('delegation.status', '=', 'submitted');

/** Changes asked for after the deadline or of an accredited delegation, waiting for a decision. */
const pendingChanges = (db: Kysely<Database>) =>
  db
    .selectFrom('delegation_change')
    .innerJoin('delegation', 'delegation.id', 'delegation_change.delegation_id')
    .innerJoin('meeting', 'meeting.id', 'delegation.meeting_id')
    .where('meeting.status', 'not in', ENDED)
    .where('delegation_change.status', '=', 'pending');

// Typed as the wider join: each caller selects only the columns of its own query's tables.
const waiting = (db: Kysely<Database>, what: 'registrations' | 'changes') =>
  (what === 'registrations' ? submitted(db) : pendingChanges(db)) as ReturnType<typeof pendingChanges>;

/** The delegations area's queues (the workspace's extension point, modules/shared/workspace-queues.ts):
 * for whoever accredits, the registrations submitted and the changes asked for. */
export function delegationsWorkspaceQueues(deps: { db: Kysely<Database> }): WorkspaceQueues {
  const { db } = deps;

  /** Each waiting delegation named as its list shows it: the state, the partner or the organisation. */
  async function items(reader: WorkspaceReader, what: 'registrations' | 'changes'): Promise<FoundItem[]> {
    const rows = await waiting(db, what)
      .select([
        what === 'registrations' ? 'delegation.id as id' : 'delegation_change.id as id',
        'delegation.member_state_id',
        'delegation.partner_id',
        'delegation.organisation',
        'delegation.category',
        what === 'registrations' ? 'delegation.submitted_at as at' : 'delegation_change.created_at as at',
        'meeting.id as meetingId',
        'meeting.slug as meetingSlug',
      ])
      .orderBy('at')
      .orderBy('id')
      .limit(QUEUE_ITEMS_LIMIT)
      .execute();
    const names = await namesForItems(db, reader.lang, {
      states: rows.map((r) => r.member_state_id),
      partners: rows.map((r) => r.partner_id),
    });
    return rows.map((r) => ({
      id: r.id,
      title: names.state(r.member_state_id) ?? names.partner(r.partner_id) ?? r.organisation ?? r.category,
      detail: null,
      at: r.at,
      path: `/meetings/${r.meetingSlug}/registration`,
      meetingId: r.meetingId,
      meetingSlug: r.meetingSlug,
    }));
  }

  const count = async (what: 'registrations' | 'changes') =>
    (
      await waiting(db, what)
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  return async (reader) => {
    if (!delegationsPolicy.can(reader.actor, 'delegations.accredit')) return [];
    const queue = async (key: WorkspaceQueue['key'], what: 'registrations' | 'changes') =>
      queueOf(db, reader.lang, key, await count(what), await items(reader, what));
    return [await queue('registrations-to-accredit', 'registrations'), await queue('change-requests', 'changes')];
  };
}
