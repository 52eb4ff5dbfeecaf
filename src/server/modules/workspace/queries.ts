import { type Kysely, sql } from 'kysely';
import { WORKSPACE_MEETING_STATUSES } from '../../../domain/workspace.js';
import type { Database } from '../../db/schema.js';
import { REGISTERED } from '../meetings/index.js';

type Db = Kysely<Database>;

/**
 * Records a visit at `now` and answers the one before: the previous sitting's visit. A visit within
 * `sittingMs` of the last continues the same sitting, so reopening the page keeps what was new.
 */
export async function recordVisit(db: Db, userId: string, now: Date, sittingMs: number): Promise<string | null> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('workspace_visit')
      .values({ user_id: userId, visited_at: at, previous_visit_at: null })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute();
    const row = await trx
      .selectFrom('workspace_visit')
      .select(['visited_at', 'previous_visit_at'])
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    if (row.visited_at === at) return row.previous_visit_at;
    const newSitting = now.getTime() - Date.parse(row.visited_at) > sittingMs;
    const previous = newSitting ? row.visited_at : row.previous_visit_at;
    await trx
      .updateTable('workspace_visit')
      .set({ visited_at: at, previous_visit_at: previous })
      .where('user_id', '=', userId)
      .execute();
    return previous;
  });
}

/** Who a reader follows meetings as: everything (with drafts or not), or their states and partners. */
export interface Following {
  all: boolean;
  drafts: boolean;
  states: readonly string[];
  partners: readonly string[];
}

/**
 * The meetings run on the platform that a reader follows, soonest first: for the secretariat every
 * one to come or under way; for a state every one convened (all states are invited); for a partner
 * those it has a delegation at.
 */
export function followedMeetings(db: Db, following: Following) {
  const statuses = WORKSPACE_MEETING_STATUSES.filter((s) => s !== 'draft' || following.drafts);
  return db
    .selectFrom('meeting')
    .select(['id', 'slug', 'kind', 'status', 'starts_at', 'ends_at', 'time_zone', 'registration_deadline'])
    .where('managed_by', '=', 'platform')
    .where('status', 'in', statuses)
    .where((eb) => {
      // Flags are 0/1 on both engines: a condition always true or false is written as SQL.
      if (following.all || following.states.length > 0) return sql<boolean>`1 = 1`;
      if (following.partners.length === 0) return sql<boolean>`1 = 0`;
      return eb.exists(
        eb
          .selectFrom('delegation')
          .select('delegation.id')
          .whereRef('delegation.meeting_id', '=', 'meeting.id')
          .where('delegation.partner_id', 'in', following.partners),
      );
    })
    .orderBy('starts_at')
    .orderBy('ordinal')
    .execute();
}

/** How many states each meeting has registered (a delegation submitted or accredited), counted by the database. */
export async function registeredCounts(db: Db, meetingIds: readonly string[]): Promise<Map<string, number>> {
  if (meetingIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('delegation')
    .select(['meeting_id', (eb) => eb.fn.count<string | number>('member_state_id').distinct().as('n')])
    .where('meeting_id', 'in', meetingIds)
    .where('category', '=', 'delegation')
    .where('status', 'in', REGISTERED)
    .groupBy('meeting_id')
    .execute();
  return new Map(rows.map((r) => [r.meeting_id, Number(r.n)]));
}

/** How many member states there are. */
export async function memberStateCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('member_state')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The reader's own delegations at these meetings: their states' and partners'. */
export function ownDelegations(db: Db, meetingIds: readonly string[], following: Following) {
  if (meetingIds.length === 0 || (following.states.length === 0 && following.partners.length === 0)) {
    return Promise.resolve([]);
  }
  return db
    .selectFrom('delegation')
    .select(['id', 'meeting_id', 'status', 'member_state_id', 'partner_id'])
    .where('meeting_id', 'in', meetingIds)
    .where((eb) =>
      eb.or([
        ...(following.states.length > 0 ? [eb('member_state_id', 'in', following.states)] : []),
        ...(following.partners.length > 0 ? [eb('partner_id', 'in', following.partners)] : []),
      ]),
    )
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
