import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Lang, Page } from '../../../contract/common.js';
import type { LibraryEntry, LibraryListQuerySchema } from '../../../contract/library.js';
import type { Database } from '../../db/schema.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import type { Actor } from '../../policy/actor.js';
import { filterVisibility } from '../meetings/index.js';
import { resolveFilter, resolveMeetingFilter } from '../shared/filters.js';
import type { LibraryAreaFilters, LibraryDetails, LibraryQuery, LibraryRow } from '../shared/library.js';
import { namesOf } from '../shared/meeting-names.js';
import { toMeetingRef } from '../shared/refs.js';
import { listEntries, meetingsOf, SORT_COLUMNS } from './queries.js';

/** One documents area as the library sees it: app.ts gives the meeting documents' and the outcome
 * documents', so this module imports neither and each keeps its own rule of who sees what. */
export interface LibraryArea {
  rows: (actor: Actor, filters: LibraryAreaFilters) => LibraryQuery | Promise<LibraryQuery>;
  details: (ids: readonly string[], lang: Lang) => Promise<Map<string, LibraryDetails>>;
}

export function libraryService({
  db,
  areas,
}: {
  db: Kysely<Database>;
  areas: Record<LibraryRow['source'], LibraryArea>;
}) {
  async function present(rows: LibraryRow[], lang: Lang): Promise<LibraryEntry[]> {
    const sources = Object.keys(areas) as Array<LibraryRow['source']>;
    const [meetings, ...details] = await Promise.all([
      meetingsOf(
        db,
        rows.map((r) => r.meeting_id),
      ),
      ...sources.map((source) =>
        areas[source].details(
          rows.filter((r) => r.source === source).map((r) => r.id),
          lang,
        ),
      ),
    ]);
    const detailsOf = new Map(sources.map((source, i) => [source, details[i] as Map<string, LibraryDetails>]));
    const names = await namesOf(
      db,
      meetings.filter((m) => m.kind !== 'ministerial').map((m) => m.id),
      lang,
    );
    const meetingRefs = new Map(
      meetings.map((m) => [
        m.id,
        toMeetingRef({ ...m, start_date: m.start_date ?? m.starts_at?.slice(0, 10) ?? null }, names.get(m.id)?.text),
      ]),
    );
    return rows.map((row) => {
      const more = detailsOf.get(row.source)?.get(row.id);
      return {
        id: row.id,
        source: row.source,
        kind: row.kind as LibraryEntry['kind'],
        symbol: row.symbol,
        title: more?.title ?? null,
        date: row.date === '' ? null : row.date,
        languages: more?.languages ?? [],
        meeting: meetingRefs.get(row.meeting_id) as LibraryEntry['meeting'],
        slug: more?.slug ?? null,
        type: (more?.type ?? null) as LibraryEntry['type'],
        status: (more?.status ?? null) as LibraryEntry['status'],
      };
    });
  }

  return {
    async list(query: z.infer<typeof LibraryListQuerySchema>, lang: Lang, actor: Actor): Promise<Page<LibraryEntry>> {
      const [meetingId, pillarId] = await Promise.all([
        resolveMeetingFilter(db, query.meeting, filterVisibility(actor)),
        resolveFilter(db, 'pillar', 'pillar', query.pillar),
      ]);
      const { columns } = SORT_COLUMNS[query.sort];
      const cursor = decodeCursor(
        query.cursor,
        columns.map((c) => (c === 'symbol_missing' ? 'int' : 'text')),
      );
      const areaFilters = { language: query.language, pillarId };
      const parts = await Promise.all(Object.values(areas).map((area) => area.rows(actor, areaFilters)));
      const rows = await listEntries(
        db,
        parts,
        { meetingId, kind: query.kind, year: query.year },
        query.sort,
        query.limit,
        cursor,
      );
      const page = toPage(rows, query.limit, (r) => columns.map((c) => r[c] as string | number));
      return { lang, items: await present(page.rows, lang), nextCursor: page.nextCursor };
    },
  };
}

export type LibraryService = ReturnType<typeof libraryService>;
