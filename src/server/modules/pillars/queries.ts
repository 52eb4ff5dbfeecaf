import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { after, type SortKey } from '../../http/pagination.js';

type Db = Kysely<Database>;
const columns = ['id', 'code', 'position'] as const;
export type PillarRow = NonNullable<Awaited<ReturnType<typeof findPillar>>>;

export function listPillars(db: Db, limit: number, cursor?: SortKey) {
  let query = db
    .selectFrom('pillar')
    .select(columns)
    .orderBy('position')
    .limit(limit + 1);
  if (cursor) query = query.where((eb) => after(eb, ['position'], cursor));
  return query.execute();
}

export function findPillar(db: Db, idOrCode: string) {
  return db
    .selectFrom('pillar')
    .select(columns)
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .executeTakeFirst();
}
