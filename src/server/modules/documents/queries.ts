import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { after, type SortKey } from '../../http/pagination.js';
import { linkedToPillar } from '../shared/pillar-filter.js';

type Db = Kysely<Database>;

export interface DocumentFilters {
  pillarId?: string | undefined;
  hostStateId?: string | undefined;
  meetingId?: string | undefined;
  year?: number | undefined;
}

function selectDocuments(db: Db) {
  return db
    .selectFrom('document')
    .innerJoin('meeting', 'meeting.id', 'document.meeting_id')
    .select([
      'document.id',
      'document.slug',
      'document.type',
      'document.symbol',
      'document.adopted_on',
      'document.position',
      'meeting.id as meeting_id',
      'meeting.slug as meeting_slug',
      'meeting.number as meeting_number',
      'meeting.ordinal as meeting_ordinal',
      'meeting.start_date as meeting_start_date',
    ]);
}
export type DocumentRow = Awaited<ReturnType<ReturnType<typeof selectDocuments>['execute']>>[number];

/** Documents in the order of the meetings that adopted them, `limit + 1` of them. */
export function listDocuments(db: Db, filters: DocumentFilters, limit: number, cursor?: SortKey) {
  let query = selectDocuments(db)
    .orderBy('meeting.ordinal')
    .orderBy('document.position')
    .orderBy('document.slug')
    .limit(limit + 1);
  if (cursor) query = query.where((eb) => after(eb, ['meeting.ordinal', 'document.position', 'document.slug'], cursor));
  if (filters.meetingId) query = query.where('meeting.id', '=', filters.meetingId);
  if (filters.hostStateId) query = query.where('meeting.host_state_id', '=', filters.hostStateId);
  if (filters.year) {
    query = query
      .where('meeting.start_date', '>=', `${filters.year}-01-01`)
      .where('meeting.start_date', '<=', `${filters.year}-12-31`);
  }
  const { pillarId } = filters;
  if (pillarId) {
    query = query.where((eb) => linkedToPillar(eb, 'document', 'document.id', pillarId));
  }
  return query.execute();
}

export function findDocument(db: Db, idOrSlug: string) {
  return selectDocuments(db)
    .where((eb) => eb.or([eb('document.id', '=', idOrSlug), eb('document.slug', '=', idOrSlug)]))
    .executeTakeFirst();
}
