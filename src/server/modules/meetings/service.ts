import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Lang, Page } from '../../../contract/common.js';
import type { Meeting, MeetingDetail, MeetingListQuerySchema } from '../../../contract/reference.js';
import type { Database } from '../../db/schema.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import { NotFoundError } from '../../http/problems.js';
import { resolveFilter } from '../shared/filters.js';
import {
  documentRefsByMeeting,
  memberStateRefs,
  networkRefs,
  type PillarRef,
  pillarRefsOf,
  technicalGroupRefs,
  toMeetingRef,
} from '../shared/refs.js';
import { loadSources, loadTexts, requiredText, textOf } from '../shared/texts.js';
import { bodiesOfMeetings, findMeeting, listMeetings, type MeetingRow } from './queries.js';

type ListQuery = z.infer<typeof MeetingListQuerySchema>;
type Texts = Awaited<ReturnType<typeof loadTexts>>;

export function meetingsService({ db }: { db: Kysely<Database> }) {
  /** Meetings with their host, documents and the bodies they created, for a page of rows. */
  async function present(rows: MeetingRow[], lang: Lang, texts?: Texts): Promise<Meeting[]> {
    const ids = rows.map((r) => r.id);
    const [meetingTexts, hosts, documents, bodies] = await Promise.all([
      texts ?? loadTexts(db, 'meeting', ids, lang),
      memberStateRefs(
        db,
        rows.map((r) => r.host_state_id),
        lang,
      ),
      documentRefsByMeeting(db, ids, lang),
      bodiesOfMeetings(db, ids),
    ]);
    // Refs come back in the order of the rows given, so each body is zipped with its own row.
    const [groups, networks] = await Promise.all([
      technicalGroupRefs(db, bodies.groups, lang).then((refs) =>
        refs.map((ref, i) => ({
          meetingId: bodies.groups[i]?.meeting_id,
          body: { ...ref, kind: 'technical-group' as const, relation: 'created' as const, acronym: null },
        })),
      ),
      networkRefs(db, bodies.networks, lang).then((refs) =>
        refs.map((ref, i) => ({
          meetingId: bodies.networks[i]?.meeting_id,
          body: { ...ref, relation: bodies.networks[i]?.origin_relation as 'created' | 'presented' },
        })),
      ),
    ]);
    return rows.map((r) => ({
      ...toMeetingRef(r),
      number: r.number,
      ordinal: r.ordinal,
      name: requiredText(meetingTexts, r.id, 'name'),
      hostState: r.host_state_id ? (hosts.get(r.host_state_id) ?? null) : null,
      city: r.city,
      startDate: r.start_date,
      endDate: r.end_date,
      documents: documents.get(r.id) ?? [],
      bodies: [...groups, ...networks].filter((b) => b.meetingId === r.id).map((b) => b.body),
    }));
  }

  return {
    async list(query: ListQuery, lang: Lang): Promise<Page<Meeting>> {
      const [pillarId, hostStateId] = await Promise.all([
        resolveFilter(db, 'pillar', 'pillar', query.pillar),
        resolveFilter(db, 'memberState', 'member_state', query.memberState),
      ]);
      const cursor = decodeCursor(query.cursor, ['int']);
      const rows = await listMeetings(db, { pillarId, hostStateId, year: query.year }, query.limit, cursor);
      const page = toPage(rows, query.limit, (r) => [r.ordinal]);
      return { lang, items: await present(page.rows, lang), nextCursor: page.nextCursor };
    },

    async get(idOrSlug: string, lang: Lang): Promise<MeetingDetail> {
      const row = await findMeeting(db, idOrSlug);
      if (!row) throw new NotFoundError('meeting', idOrSlug);
      const [texts, sources] = await Promise.all([
        loadTexts(db, 'meeting', [row.id], lang),
        loadSources(db, 'meeting', [row.id]),
      ]);
      const [meeting] = await present([row], lang, texts);
      if (!meeting) throw new NotFoundError('meeting', idOrSlug);
      return {
        ...meeting,
        summary: textOf(texts, row.id, 'summary'),
        pillars: await pillarsAddressed(meeting, lang),
        sources: sources.get(row.id) ?? [],
      };
    },
  };

  /** The pillars of a meeting are those of the documents it adopted and the groups it created. */
  async function pillarsAddressed(meeting: Meeting, lang: Lang): Promise<PillarRef[]> {
    const [ofDocuments, ofGroups] = await Promise.all([
      pillarRefsOf(
        db,
        'document',
        meeting.documents.map((d) => d.id),
        lang,
      ),
      pillarRefsOf(
        db,
        'technical_group',
        meeting.bodies.filter((b) => b.kind === 'technical-group').map((b) => b.id),
        lang,
      ),
    ]);
    const all = new Map<string, PillarRef>();
    for (const list of [...ofDocuments.values(), ...ofGroups.values()]) for (const p of list) all.set(p.id, p);
    return [...all.values()];
  }
}

export type MeetingsService = ReturnType<typeof meetingsService>;
