import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { after, type SortKey } from '../../http/pagination.js';

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
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('pillar_link')
          .whereRef('pillar_link.entity_id', '=', 'technical_group.id')
          .where('pillar_link.entity_type', '=', 'technical_group')
          .where('pillar_link.pillar_id', '=', pillarId)
          .select('pillar_link.pillar_id'),
      ),
    );
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
