import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Lang, Page, PageQuerySchema } from '../../../contract/common.js';
import type { DatasetSource } from '../../../contract/reference.js';
import type { Database } from '../../db/schema.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import { listSources, PARTS } from './queries.js';

/** Where each fact of the reference data comes from, for the "about the data" page. */
export function sourcesService({ db }: { db: Kysely<Database> }) {
  return {
    async list(query: z.infer<typeof PageQuerySchema>, lang: Lang): Promise<Page<DatasetSource>> {
      const cursor = decodeCursor(query.cursor, ['text', 'text']);
      const page = toPage(await listSources(db, query.limit, cursor), query.limit, (r) => [r.entity_type, r.id]);
      // A chair's sources are listed with its group, a footnote's with its document.
      const items = page.rows.map((r) => {
        const part = Object.hasOwn(PARTS, r.entity_type) ? PARTS[r.entity_type as keyof typeof PARTS] : null;
        return {
          entityType: part ? part.of : r.entity_type,
          entitySlug: r.entity_slug,
          url: r.url,
          title: r.title,
          publisher: r.publisher,
          note: r.note,
          field: part ? part.field : r.field,
        };
      });
      return { lang, items, nextCursor: page.nextCursor };
    },
  };
}

export type SourcesService = ReturnType<typeof sourcesService>;
