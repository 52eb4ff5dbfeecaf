import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { after, type SortKey } from '../../http/pagination.js';
import { linkedToPillar } from '../shared/pillar-filter.js';

type Db = Kysely<Database>;

export function listObjectives(db: Db, limit: number, cursor?: SortKey) {
  let query = db
    .selectFrom('objective')
    .select(['id', 'code', 'position'])
    .orderBy('position')
    .limit(limit + 1);
  if (cursor) query = query.where((eb) => after(eb, ['position'], cursor));
  return query.execute();
}

export function listTeam(db: Db, limit: number, cursor?: SortKey) {
  let query = db
    .selectFrom('team_member')
    .select(['id', 'slug', 'position', 'name'])
    .orderBy('position')
    .limit(limit + 1);
  if (cursor) query = query.where((eb) => after(eb, ['position'], cursor));
  return query.execute();
}

export function listPartners(db: Db, filters: { pillarId?: string | undefined }, limit: number, cursor?: SortKey) {
  let query = db
    .selectFrom('partner')
    .select(['id', 'slug', 'kind', 'website'])
    .orderBy('slug')
    .limit(limit + 1);
  if (cursor) query = query.where((eb) => after(eb, ['slug'], cursor));
  const { pillarId } = filters;
  if (pillarId) {
    query = query.where((eb) => linkedToPillar(eb, 'partner', 'partner.id', pillarId));
  }
  return query.execute();
}
