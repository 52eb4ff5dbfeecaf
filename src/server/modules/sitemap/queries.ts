import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database>;

/** A record page's key (its slug) and when its record last changed. */
export interface Dated {
  slug: string;
  updated_at: string;
}

/** Tables whose rows belong to one meeting: each has `meeting_id` and `updated_at`. */
type MeetingChild = 'agenda_item' | 'meeting_document' | 'document' | 'meeting_record';

/** Per meeting, when the newest of its rows in `table` changed; only the rows with `only` if given. */
async function newestPerMeeting(
  db: Db,
  table: MeetingChild,
  only?: { column: 'visibility' | 'status'; value: string },
): Promise<Map<string, string>> {
  // Kysely types the query for one table; the columns used are the same in all four.
  let query = db
    .selectFrom(table as 'meeting_record')
    .select((eb) => ['meeting_id', eb.fn.max('updated_at').as('latest')])
    .groupBy('meeting_id');
  if (only) query = query.where(sql.ref(only.column), '=', only.value);
  return byMeeting(await query.execute());
}

const byMeeting = (rows: Array<{ meeting_id: string; latest: string | null }>) =>
  new Map(rows.flatMap((r) => (r.latest ? [[r.meeting_id, r.latest] as const] : [])));

/** The newest `updated_at` of a table that is shown whole on one page (pillars, networks, the team…). */
function latestOf(
  db: Db,
  table: 'pillar' | 'objective' | 'network' | 'team_member' | 'partner' | 'source' | 'follow_up_cycle',
) {
  return db
    .selectFrom(table)
    .select((eb) => eb.fn.max('updated_at').as('latest'))
    .executeTakeFirst()
    .then((r) => (r?.latest as string | null | undefined) ?? null);
}

/**
 * What the public may read, with the dates the sitemap gives: meetings but drafts, only public
 * meeting documents, final minutes and reports, decisions once their meeting is concluded (the
 * rules of the meetings area's reads for a reader who is not signed in). Each read is one query
 * over a whole table, never one per record.
 */
export async function publicRecords(db: Db) {
  const meetingsOf = db.selectFrom('meeting').where('meeting.status', '<>', 'draft');
  const [
    meetings,
    agenda,
    meetingDocuments,
    adoptedDocuments,
    records,
    decisions,
    documents,
    memberStates,
    technicalGroups,
    indicators,
  ] = await Promise.all([
    meetingsOf
      .select(['meeting.id', 'meeting.slug', 'meeting.managed_by', 'meeting.updated_at'])
      .orderBy('meeting.ordinal')
      .execute(),
    newestPerMeeting(db, 'agenda_item'),
    newestPerMeeting(db, 'meeting_document', { column: 'visibility', value: 'public' }),
    // Outcome documents not yet adopted are the negotiators' (issue 13).
    newestPerMeeting(db, 'document', { column: 'status', value: 'adopted' }),
    newestPerMeeting(db, 'meeting_record', { column: 'status', value: 'final' }),
    db
      .selectFrom('meeting_decision')
      .innerJoin('meeting', 'meeting.id', 'meeting_decision.meeting_id')
      .select((eb) => ['meeting_decision.meeting_id', eb.fn.max('meeting_decision.updated_at').as('latest')])
      .where('meeting.status', '=', 'concluded')
      .groupBy('meeting_decision.meeting_id')
      .execute()
      .then(byMeeting),
    // An adopted document is read through its meeting: none of a draft's.
    meetingsOf
      .innerJoin('document', 'document.meeting_id', 'meeting.id')
      .select(['document.slug', 'document.updated_at'])
      .where('document.status', '=', 'adopted')
      .orderBy('meeting.ordinal')
      .orderBy('document.position')
      .execute(),
    db.selectFrom('member_state').select(['slug', 'updated_at']).orderBy('slug').execute(),
    db.selectFrom('technical_group').select(['slug', 'updated_at']).orderBy('position').execute(),
    // An indicator's page changes with its entry and with its published values.
    db
      .selectFrom('indicator')
      .leftJoin('observation', (join) =>
        join.onRef('observation.indicator_id', '=', 'indicator.id').on('observation.status', '=', 'published'),
      )
      .select((eb) => [
        'indicator.code as slug',
        'indicator.updated_at as entry',
        eb.fn.max('observation.updated_at').as('values'),
      ])
      .groupBy(['indicator.code', 'indicator.updated_at'])
      .orderBy('indicator.code')
      .execute(),
  ]);
  const [pillars, objectives, networks, team, partners, sources, cycles, publicReports] = await Promise.all([
    latestOf(db, 'pillar'),
    latestOf(db, 'objective'),
    latestOf(db, 'network'),
    latestOf(db, 'team_member'),
    latestOf(db, 'partner'),
    latestOf(db, 'source'),
    latestOf(db, 'follow_up_cycle'),
    // The follow-up pages show the reports the public sees: accepted ones their state made public.
    db
      .selectFrom('follow_up_report')
      .select((eb) => eb.fn.max('updated_at').as('latest'))
      .where('state', '=', 'accepted')
      .where('published', '=', 1)
      .executeTakeFirst()
      .then((r) => (r?.latest as string | null | undefined) ?? null),
  ]);
  return {
    meetings,
    meetingChildren: { agenda, meetingDocuments, adoptedDocuments, records, decisions },
    documents: documents as Dated[],
    memberStates: memberStates as Dated[],
    technicalGroups: technicalGroups as Dated[],
    indicators: indicators.map((r) => ({
      slug: r.slug,
      updated_at: r.values && String(r.values) > r.entry ? String(r.values) : r.entry,
    })) as Dated[],
    latest: { pillars, objectives, networks, team, partners, sources, followUp: [cycles, publicReports] },
  };
}
export type PublicRecords = Awaited<ReturnType<typeof publicRecords>>;
