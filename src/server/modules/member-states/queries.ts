import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { after, type SortKey } from '../../http/pagination.js';

type Db = Kysely<Database>;
const columns = ['id', 'slug', 'iso2', 'iso3', 'iso_numeric', 'subregion'] as const;
export type MemberStateRow = NonNullable<Awaited<ReturnType<typeof findMemberState>>>;

/** States in ISO code order (their slug), `limit + 1` of them. */
export function listMemberStates(db: Db, filters: { subregion?: string | undefined }, limit: number, cursor?: SortKey) {
  let query = db
    .selectFrom('member_state')
    .select(columns)
    .orderBy('slug')
    .limit(limit + 1);
  if (cursor) query = query.where((eb) => after(eb, ['slug'], cursor));
  if (filters.subregion) query = query.where('subregion', '=', filters.subregion);
  return query.execute();
}

export function findMemberState(db: Db, idOrSlug: string) {
  return db
    .selectFrom('member_state')
    .select(columns)
    .where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)]))
    .executeTakeFirst();
}

export function meetingsHostedBy(db: Db, stateId: string) {
  return (
    db
      .selectFrom('meeting')
      .select(['id', 'slug', 'number', 'start_date', 'kind'])
      .where('host_state_id', '=', stateId)
      // A draft is the secretariat's until it is convened.
      .where('status', '<>', 'draft')
      .orderBy('ordinal')
      .execute()
  );
}

export function groupsLedBy(db: Db, stateId: string) {
  return db
    .selectFrom('technical_group')
    .select(['id', 'slug'])
    .where('lead_state_id', '=', stateId)
    .orderBy('position')
    .execute();
}

/** The adopted texts the state attached a reservation or interpretative statement to (public once
 * adopted; a footnote on a text still negotiated stays with those negotiating it). */
export function documentsFootnotedBy(db: Db, stateId: string) {
  return db
    .selectFrom('document')
    .innerJoin('meeting', 'meeting.id', 'document.meeting_id')
    .select(['document.id', 'document.slug', 'document.type', 'document.symbol'])
    .where('document.status', '=', 'adopted')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('document_footnote')
          .select('document_footnote.id')
          .whereRef('document_footnote.document_id', '=', 'document.id')
          .where('document_footnote.member_state_id', '=', stateId),
      ),
    )
    .orderBy('meeting.ordinal')
    .orderBy('document.position')
    .orderBy('document.slug')
    .execute();
}
