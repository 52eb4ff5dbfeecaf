import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Lang, Page, PageQuerySchema } from '../../../contract/common.js';
import type { Pillar } from '../../../contract/reference.js';
import type { Database } from '../../db/schema.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import { NotFoundError } from '../../http/problems.js';
import { loadSources, loadTexts, requiredText } from '../shared/texts.js';
import { findPillar, listPillars, type PillarRow } from './queries.js';

export function pillarsService({ db }: { db: Kysely<Database> }) {
  async function present(rows: PillarRow[], lang: Lang): Promise<Pillar[]> {
    const ids = rows.map((r) => r.id);
    const [texts, sources] = await Promise.all([loadTexts(db, 'pillar', ids, lang), loadSources(db, 'pillar', ids)]);
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      position: r.position,
      name: requiredText(texts, r.id, 'name'),
      description: requiredText(texts, r.id, 'description'),
      sources: sources.get(r.id) ?? [],
    }));
  }

  return {
    async list(query: z.infer<typeof PageQuerySchema>, lang: Lang): Promise<Page<Pillar>> {
      const cursor = decodeCursor(query.cursor, ['int']);
      const page = toPage(await listPillars(db, query.limit, cursor), query.limit, (r) => [r.position]);
      return { lang, items: await present(page.rows, lang), nextCursor: page.nextCursor };
    },

    async get(idOrCode: string, lang: Lang): Promise<Pillar> {
      const row = await findPillar(db, idOrCode);
      const [pillar] = row ? await present([row], lang) : [];
      if (!pillar) throw new NotFoundError('pillar', idOrCode);
      return pillar;
    },
  };
}

export type PillarsService = ReturnType<typeof pillarsService>;
