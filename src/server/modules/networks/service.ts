import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Lang, Page } from '../../../contract/common.js';
import type { Network, NetworkListQuerySchema } from '../../../contract/reference.js';
import type { Database } from '../../db/schema.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import { NotFoundError } from '../../http/problems.js';
import type { Actor } from '../../policy/actor.js';
import { filterVisibility } from '../meetings/index.js';
import { resolveMeetingFilter } from '../shared/filters.js';
import { meetingRefs, networkRefs } from '../shared/refs.js';
import { loadSources, loadTexts, requiredText, textOf } from '../shared/texts.js';
import { findNetwork, listNetworks, type NetworkRow, networksById } from './queries.js';

export function networksService({ db }: { db: Kysely<Database> }) {
  async function present(rows: NetworkRow[], lang: Lang): Promise<Network[]> {
    const ids = rows.map((r) => r.id);
    const parentIds = [...new Set(rows.flatMap((r) => (r.parent_id ? [r.parent_id] : [])))];
    const [texts, meetings, parents, sources] = await Promise.all([
      loadTexts(db, 'network', ids, lang),
      meetingRefs(
        db,
        rows.map((r) => r.origin_meeting_id),
      ),
      networksById(db, parentIds).then((parentRows) => networkRefs(db, parentRows, lang)),
      loadSources(db, 'network', ids),
    ]);
    return rows.map((r) => {
      const meeting = r.origin_meeting_id ? meetings.get(r.origin_meeting_id) : undefined;
      return {
        id: r.id,
        slug: r.slug,
        kind: r.kind as Network['kind'],
        acronym: r.acronym,
        name: requiredText(texts, r.id, 'name'),
        origin: meeting ? { meeting, relation: r.origin_relation as 'created' | 'presented' } : null,
        parent: parents.find((p) => p.id === r.parent_id) ?? null,
        description: textOf(texts, r.id, 'description'),
        sources: sources.get(r.id) ?? [],
      };
    });
  }

  return {
    async list(query: z.infer<typeof NetworkListQuerySchema>, lang: Lang, actor: Actor): Promise<Page<Network>> {
      const meetingId = await resolveMeetingFilter(db, query.meeting, filterVisibility(actor));
      const cursor = decodeCursor(query.cursor, ['int', 'text']);
      const rows = await listNetworks(db, { meetingId }, query.limit, cursor);
      const page = toPage(rows, query.limit, (r) => [r.position, r.slug]);
      return { lang, items: await present(page.rows, lang), nextCursor: page.nextCursor };
    },

    async get(idOrSlug: string, lang: Lang): Promise<Network> {
      const row = await findNetwork(db, idOrSlug);
      const [network] = row ? await present([row], lang) : [];
      if (!network) throw new NotFoundError('network', idOrSlug);
      return network;
    },
  };
}

export type NetworksService = ReturnType<typeof networksService>;
