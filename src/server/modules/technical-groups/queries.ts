import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { after, type SortKey } from '../../http/pagination.js';
import { linkedToPillar } from '../shared/pillar-filter.js';

type Db = Kysely<Database>;
const columns = ['id', 'slug', 'position', 'created_at_meeting_id', 'lead_state_id'] as const;
export type TechnicalGroupRow = NonNullable<Awaited<ReturnType<typeof findTechnicalGroup>>>;

export interface TechnicalGroupFilters {
  pillarId?: string | undefined;
  leadStateId?: string | undefined;
  meetingId?: string | undefined;
}

export function listTechnicalGroups(db: Db, filters: TechnicalGroupFilters, limit: number, cursor?: SortKey) {
  let query = db
    .selectFrom('technical_group')
    .select(columns)
    .orderBy('position')
    .orderBy('slug')
    .limit(limit + 1);
  if (cursor) query = query.where((eb) => after(eb, ['position', 'slug'], cursor));
  if (filters.leadStateId) query = query.where('lead_state_id', '=', filters.leadStateId);
  if (filters.meetingId) query = query.where('created_at_meeting_id', '=', filters.meetingId);
  const { pillarId } = filters;
  if (pillarId) {
    query = query.where((eb) => linkedToPillar(eb, 'technical_group', 'technical_group.id', pillarId));
  }
  return query.execute();
}

export function findTechnicalGroup(db: Db, idOrSlug: string) {
  return db
    .selectFrom('technical_group')
    .select(columns)
    .where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)]))
    .executeTakeFirst();
}

/** The chairs of some groups, or those a state held, in the order of the meetings that chose them. */
export function listChairs(db: Db, by: { groupIds: readonly string[] } | { stateId: string }) {
  let query = db
    .selectFrom('technical_group_chair as chair')
    .innerJoin('technical_group as tg', 'tg.id', 'chair.technical_group_id')
    .innerJoin('meeting as from', 'from.id', 'chair.from_meeting_id')
    .select([
      'chair.id',
      'chair.technical_group_id',
      'tg.slug as group_slug',
      'chair.member_state_id',
      'chair.selection',
      'chair.from_meeting_id',
      'chair.until_meeting_id',
    ])
    .orderBy('from.ordinal')
    .orderBy('tg.position')
    .orderBy('chair.id');
  if ('stateId' in by) query = query.where('chair.member_state_id', '=', by.stateId);
  else if (by.groupIds.length === 0) return Promise.resolve([]);
  else query = query.where('chair.technical_group_id', 'in', by.groupIds);
  return query.execute();
}
