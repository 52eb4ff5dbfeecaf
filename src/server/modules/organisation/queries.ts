import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { after, type SortKey } from '../../http/pagination.js';

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
