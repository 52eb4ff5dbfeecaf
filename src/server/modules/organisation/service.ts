import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Lang, Page, PageQuerySchema } from '../../../contract/common.js';
import type { Objective, TeamMember } from '../../../contract/reference.js';
import type { Database } from '../../db/schema.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import { loadSources, loadTexts, requiredText } from '../shared/texts.js';
import { listObjectives, listTeam } from './queries.js';

/** The process itself: its objectives and the secretariat's team (partners: modules/partners). */
export function organisationService({ db }: { db: Kysely<Database> }) {
  return {
    async objectives(query: z.infer<typeof PageQuerySchema>, lang: Lang): Promise<Page<Objective>> {
      const cursor = decodeCursor(query.cursor, ['int']);
      const page = toPage(await listObjectives(db, query.limit, cursor), query.limit, (r) => [r.position]);
      const ids = page.rows.map((r) => r.id);
      const [texts, sources] = await Promise.all([
        loadTexts(db, 'objective', ids, lang),
        loadSources(db, 'objective', ids),
      ]);
      const items = page.rows.map((r) => ({
        ...r,
        text: requiredText(texts, r.id, 'text'),
        sources: sources.get(r.id) ?? [],
      }));
      return { lang, items, nextCursor: page.nextCursor };
    },

    async team(query: z.infer<typeof PageQuerySchema>, lang: Lang): Promise<Page<TeamMember>> {
      const cursor = decodeCursor(query.cursor, ['int']);
      const page = toPage(await listTeam(db, query.limit, cursor), query.limit, (r) => [r.position]);
      const ids = page.rows.map((r) => r.id);
      const [texts, sources] = await Promise.all([
        loadTexts(db, 'team_member', ids, lang),
        loadSources(db, 'team_member', ids),
      ]);
      const items = page.rows.map((r) => ({
        id: r.id,
        slug: r.slug,
        name: r.name,
        role: requiredText(texts, r.id, 'role'),
        sources: sources.get(r.id) ?? [],
      }));
      return { lang, items, nextCursor: page.nextCursor };
    },
  };
}

export type OrganisationService = ReturnType<typeof organisationService>;
