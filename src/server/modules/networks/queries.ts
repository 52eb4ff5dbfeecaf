import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { after, type SortKey } from '../../http/pagination.js';

type Db = Kysely<Database>;
const columns = [
  'id',
  'slug',
  'position',
  'kind',
  'acronym',
  'origin_meeting_id',
  'origin_relation',
  'parent_id',
] as const;
export type NetworkRow = NonNullable<Awaited<ReturnType<typeof findNetwork>>>;

export function listNetworks(db: Db, filters: { meetingId?: string | undefined }, limit: number, cursor?: SortKey) {
  let query = db
    .selectFrom('network')
    .select(columns)
    .orderBy('position')
    .orderBy('slug')
    .limit(limit + 1);
  if (cursor) query = query.where((eb) => after(eb, ['position', 'slug'], cursor));
  if (filters.meetingId) query = query.where('origin_meeting_id', '=', filters.meetingId);
  return query.execute();
}

export function findNetwork(db: Db, idOrSlug: string) {
  return db
    .selectFrom('network')
    .select(columns)
    .where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)]))
    .executeTakeFirst();
}

export function networksById(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('network').select(['id', 'slug', 'kind', 'acronym']).where('id', 'in', ids).execute();
}
