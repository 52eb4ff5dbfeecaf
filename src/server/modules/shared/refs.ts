import type { Kysely, Transaction } from 'kysely';
import type { Lang } from '../../../contract/common.js';
import type {
  DocumentRef,
  MeetingRef,
  MemberStateRef,
  NetworkRef,
  PillarRef,
  TechnicalGroupRef,
} from '../../../contract/reference.js';
import type { Database } from '../../db/schema.js';
import { type EntityType, loadTexts, requiredText, textOf } from './texts.js';

type Db = Kysely<Database>;

export type { PillarRef };

/** The short shapes by which one record points at another, built for many ids in one query each. */

const unique = (ids: ReadonlyArray<string | null>) => [...new Set(ids.filter((id): id is string => id !== null))];

export const yearOf = (date: string | null) => (date ? Number(date.slice(0, 4)) : null);

export async function memberStateRefs(db: Db, ids: ReadonlyArray<string | null>, lang: Lang) {
  const wanted = unique(ids);
  if (wanted.length === 0) return new Map<string, MemberStateRef>();
  const [rows, texts] = await Promise.all([
    db.selectFrom('member_state').select(['id', 'slug', 'iso2']).where('id', 'in', wanted).execute(),
    loadTexts(db, 'member_state', wanted, lang),
  ]);
  return new Map(rows.map((r) => [r.id, { ...r, name: requiredText(texts, r.id, 'name') }]));
}

/** References to meetings, for the public records that name one (a group created, a network's
 * origin): a draft is the secretariat's until it is convened, so it is never referenced. */
export async function meetingRefs(db: Db, ids: ReadonlyArray<string | null>) {
  const wanted = unique(ids);
  if (wanted.length === 0) return new Map<string, MeetingRef>();
  const rows = await db
    .selectFrom('meeting')
    .select(['id', 'slug', 'number', 'start_date'])
    .where('id', 'in', wanted)
    .where('status', '<>', 'draft')
    .execute();
  return new Map(rows.map((r) => [r.id, toMeetingRef(r)]));
}

/** A ministerial meeting goes by "MISPA <number>"; any other by its name, when given. */
export function toMeetingRef(
  r: { id: string; slug: string; number: string; start_date: string | null; kind?: string },
  name?: string,
): MeetingRef {
  const shortName = r.kind && r.kind !== 'ministerial' && name ? name : `MISPA ${r.number}`;
  return { id: r.id, slug: r.slug, shortName, year: yearOf(r.start_date) };
}

/** Pillars linked to each record of one type: record id → pillars in pillar order. */
export async function pillarRefsOf(db: Db, entityType: EntityType, ids: readonly string[], lang: Lang) {
  const result = new Map<string, PillarRef[]>();
  if (ids.length === 0) return result;
  const rows = await db
    .selectFrom('pillar_link')
    .innerJoin('pillar', 'pillar.id', 'pillar_link.pillar_id')
    .select(['pillar_link.entity_id', 'pillar.id', 'pillar.code'])
    .where('pillar_link.entity_type', '=', entityType)
    .where('pillar_link.entity_id', 'in', unique(ids))
    .orderBy('pillar.position')
    .execute();
  const texts = await loadTexts(db, 'pillar', unique(rows.map((r) => r.id)), lang);
  for (const { entity_id, id, code } of rows) {
    result.set(entity_id, [...(result.get(entity_id) ?? []), { id, code, name: requiredText(texts, id, 'name') }]);
  }
  return result;
}

/** Pillar codes → ids; unknown codes are absent from the map. */
export async function pillarIdsByCode(db: Db | Transaction<Database>, codes: readonly string[]) {
  if (codes.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom('pillar').select(['id', 'code']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Links a record to exactly `pillarIds`, replacing the links it had. */
export async function replacePillarLinks(
  db: Db | Transaction<Database>,
  entityType: EntityType,
  id: string,
  pillarIds: readonly string[],
  at: string,
) {
  await db.deleteFrom('pillar_link').where('entity_type', '=', entityType).where('entity_id', '=', id).execute();
  if (pillarIds.length === 0) return;
  await db
    .insertInto('pillar_link')
    .values(
      pillarIds.map((pillar_id) => ({
        entity_type: entityType,
        entity_id: id,
        pillar_id,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
}

/**
 * Documents adopted at each meeting: meeting id → its documents in their order and how many it
 * adopted in all. With `limit`, only each meeting's first `limit` are read (and their titles
 * loaded): the database numbers each meeting's documents and counts them in one pass (window
 * functions, both engines), so a list of meetings does not load hundreds of documents to show a few.
 */
export async function documentRefsByMeeting(db: Db, meetingIds: readonly string[], lang: Lang, limit?: number) {
  const result = new Map<string, { documents: DocumentRef[]; count: number }>();
  if (meetingIds.length === 0) return result;
  const numbered = db
    .selectFrom('document')
    .select((eb) => [
      'id',
      'slug',
      'type',
      'symbol',
      'meeting_id',
      eb.fn
        .agg<number>('row_number')
        .over((ob) => ob.partitionBy('meeting_id').orderBy('position').orderBy('slug'))
        .as('rank'),
      eb.fn
        .countAll<number>()
        .over((ob) => ob.partitionBy('meeting_id'))
        .as('total'),
    ])
    .where('meeting_id', 'in', unique(meetingIds))
    // A meeting's page names what it adopted: outcome documents still negotiated are not among them.
    .where('status', '=', 'adopted')
    .as('numbered');
  let query = db
    .selectFrom(numbered)
    .select(['id', 'slug', 'type', 'symbol', 'meeting_id', 'total'])
    .orderBy('meeting_id')
    .orderBy('rank');
  if (limit !== undefined) query = query.where('rank', '<=', limit);
  const rows = await query.execute();
  const texts = await loadTexts(
    db,
    'document',
    rows.map((r) => r.id),
    lang,
  );
  for (const { meeting_id, total, ...r } of rows) {
    const ref = { ...r, type: r.type as DocumentRef['type'], title: textOf(texts, r.id, 'title') };
    const entry = result.get(meeting_id) ?? { documents: [], count: Number(total) };
    entry.documents.push(ref);
    result.set(meeting_id, entry);
  }
  return result;
}

export async function technicalGroupRefs(db: Db, rows: ReadonlyArray<{ id: string; slug: string }>, lang: Lang) {
  const texts = await loadTexts(
    db,
    'technical_group',
    rows.map((r) => r.id),
    lang,
  );
  return rows.map((r): TechnicalGroupRef => ({ id: r.id, slug: r.slug, name: requiredText(texts, r.id, 'name') }));
}

export async function networkRefs(
  db: Db,
  rows: ReadonlyArray<{ id: string; slug: string; kind: string; acronym: string | null }>,
  lang: Lang,
) {
  const texts = await loadTexts(
    db,
    'network',
    rows.map((r) => r.id),
    lang,
  );
  return rows.map(
    (r): NetworkRef => ({
      id: r.id,
      slug: r.slug,
      kind: r.kind as NetworkRef['kind'],
      acronym: r.acronym,
      name: requiredText(texts, r.id, 'name'),
    }),
  );
}
