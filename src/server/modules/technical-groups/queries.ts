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
