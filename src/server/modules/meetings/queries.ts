import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { after, type SortKey } from '../../http/pagination.js';
import { linkedToPillar } from '../shared/pillar-filter.js';

type Db = Kysely<Database>;

export interface MeetingFilters {
  pillarId?: string | undefined;
  hostStateId?: string | undefined;
  year?: number | undefined;
}

const columns = ['id', 'slug', 'number', 'ordinal', 'host_state_id', 'city', 'start_date', 'end_date'] as const;
export type MeetingRow = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

/** Meetings in the order they were held, `limit + 1` of them so the caller knows if more follow. */
export function listMeetings(db: Db, filters: MeetingFilters, limit: number, cursor?: SortKey) {
  let query = db
    .selectFrom('meeting')
    .select(columns)
    .orderBy('ordinal')
    .limit(limit + 1);
  if (cursor) query = query.where((eb) => after(eb, ['ordinal'], cursor));
  if (filters.hostStateId) query = query.where('host_state_id', '=', filters.hostStateId);
  if (filters.year) {
    query = query.where('start_date', '>=', `${filters.year}-01-01`).where('start_date', '<=', `${filters.year}-12-31`);
  }
  const { pillarId } = filters;
  if (pillarId) {
    // A meeting addresses a pillar through what it adopted or created.
    query = query.where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('document')
            .whereRef('document.meeting_id', '=', 'meeting.id')
            .where((inner) => linkedToPillar(inner, 'document', 'document.id', pillarId))
            .select('document.id'),
        ),
        eb.exists(
          eb
            .selectFrom('technical_group')
            .whereRef('technical_group.created_at_meeting_id', '=', 'meeting.id')
            .where((inner) => linkedToPillar(inner, 'technical_group', 'technical_group.id', pillarId))
            .select('technical_group.id'),
        ),
      ]),
    );
  }
  return query.execute();
}

export function findMeeting(db: Db, idOrSlug: string) {
  return db
    .selectFrom('meeting')
    .select(columns)
    .where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)]))
    .executeTakeFirst();
}

/** Technical groups and networks each meeting created or presented. */
export async function bodiesOfMeetings(db: Db, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return { groups: [], networks: [] };
  const [groups, networks] = await Promise.all([
    db
      .selectFrom('technical_group')
      .select(['id', 'slug', 'created_at_meeting_id as meeting_id'])
      .where('created_at_meeting_id', 'in', meetingIds)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('network')
      .select(['id', 'slug', 'kind', 'acronym', 'origin_meeting_id as meeting_id', 'origin_relation'])
      .where('origin_meeting_id', 'in', meetingIds)
      .orderBy('position')
      .execute(),
  ]);
  return { groups, networks };
}
