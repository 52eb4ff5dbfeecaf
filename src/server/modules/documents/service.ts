import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Lang, Page } from '../../../contract/common.js';
import type { Document, DocumentListQuerySchema } from '../../../contract/reference.js';
import type { Database } from '../../db/schema.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import { NotFoundError } from '../../http/problems.js';
import type { Actor } from '../../policy/actor.js';
import { filterVisibility } from '../meetings/index.js';
import { resolveFilter, resolveMeetingFilter } from '../shared/filters.js';
import { pillarRefsOf, toMeetingRef } from '../shared/refs.js';
import { loadSources, loadTexts, textOf } from '../shared/texts.js';
import { type DocumentRow, findDocument, listDocuments } from './queries.js';

export function documentsService({ db }: { db: Kysely<Database> }) {
  async function present(rows: DocumentRow[], lang: Lang): Promise<Document[]> {
    const ids = rows.map((r) => r.id);
    const [texts, pillars, sources] = await Promise.all([
      loadTexts(db, 'document', ids, lang),
      pillarRefsOf(db, 'document', ids, lang),
      loadSources(db, 'document', ids),
    ]);
    return rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      type: r.type as Document['type'],
      symbol: r.symbol,
      title: textOf(texts, r.id, 'title'),
      meeting: toMeetingRef({
        id: r.meeting_id,
        slug: r.meeting_slug,
        number: r.meeting_number,
        start_date: r.meeting_start_date,
      }),
      adoptedOn: r.adopted_on,
      description: textOf(texts, r.id, 'description'),
      pillars: pillars.get(r.id) ?? [],
      sources: sources.get(r.id) ?? [],
    }));
  }

  return {
    async list(query: z.infer<typeof DocumentListQuerySchema>, lang: Lang, actor: Actor): Promise<Page<Document>> {
      const [pillarId, hostStateId, meetingId] = await Promise.all([
        resolveFilter(db, 'pillar', 'pillar', query.pillar),
        resolveFilter(db, 'memberState', 'member_state', query.memberState),
        resolveMeetingFilter(db, query.meeting, filterVisibility(actor)),
      ]);
      const cursor = decodeCursor(query.cursor, ['int', 'int', 'text']);
      const rows = await listDocuments(db, { pillarId, hostStateId, meetingId, year: query.year }, query.limit, cursor);
      const page = toPage(rows, query.limit, (r) => [r.meeting_ordinal, r.position, r.slug]);
      return { lang, items: await present(page.rows, lang), nextCursor: page.nextCursor };
    },

    async get(idOrSlug: string, lang: Lang): Promise<Document> {
      const row = await findDocument(db, idOrSlug);
      const [document] = row ? await present([row], lang) : [];
      if (!document) throw new NotFoundError('document', idOrSlug);
      return document;
    },
  };
}

export type DocumentsService = ReturnType<typeof documentsService>;
