import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Lang, Page } from '../../../contract/common.js';
import type { Chair, TechnicalGroup, TechnicalGroupListQuerySchema } from '../../../contract/reference.js';
import type { ChairSelection } from '../../../domain/reference.js';
import type { Database } from '../../db/schema.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import { NotFoundError } from '../../http/problems.js';
import type { Actor } from '../../policy/actor.js';
import { filterVisibility } from '../meetings/index.js';
import { resolveFilter, resolveMeetingFilter } from '../shared/filters.js';
import { meetingRefs, memberStateRefs, pillarRefsOf, technicalGroupRefs } from '../shared/refs.js';
import { loadSources, loadTexts, requiredText, textOf } from '../shared/texts.js';
import { findTechnicalGroup, listChairs, listTechnicalGroups, type TechnicalGroupRow } from './queries.js';

/** The chairs of some groups, or those a state held, with their meetings and sources. */
export async function chairsOf(
  db: Kysely<Database>,
  by: Parameters<typeof listChairs>[1],
  lang: Lang,
): Promise<Chair[]> {
  const rows = await listChairs(db, by);
  const [groups, states, meetings, sources] = await Promise.all([
    technicalGroupRefs(
      db,
      rows.map((r) => ({ id: r.technical_group_id, slug: r.group_slug })),
      lang,
    ),
    memberStateRefs(
      db,
      rows.map((r) => r.member_state_id),
      lang,
    ),
    meetingRefs(
      db,
      rows.flatMap((r) => [r.from_meeting_id, r.until_meeting_id]),
    ),
    loadSources(
      db,
      'technical_group_chair',
      rows.map((r) => r.id),
    ),
  ]);
  return rows.flatMap((r, index) => {
    const from = meetings.get(r.from_meeting_id);
    const state = states.get(r.member_state_id);
    const group = groups[index];
    // Chairs come from the reference data, whose meetings are never drafts: nothing is left out.
    if (!from || !state || !group) return [];
    return [
      {
        group,
        state,
        selection: r.selection as ChairSelection,
        from,
        until: r.until_meeting_id ? (meetings.get(r.until_meeting_id) ?? null) : null,
        sources: sources.get(r.id) ?? [],
      },
    ];
  });
}

export function technicalGroupsService({ db }: { db: Kysely<Database> }) {
  async function present(rows: TechnicalGroupRow[], lang: Lang): Promise<TechnicalGroup[]> {
    const ids = rows.map((r) => r.id);
    const [texts, meetings, leads, pillars, sources, chairs] = await Promise.all([
      loadTexts(db, 'technical_group', ids, lang),
      meetingRefs(
        db,
        rows.map((r) => r.created_at_meeting_id),
      ),
      memberStateRefs(
        db,
        rows.map((r) => r.lead_state_id),
        lang,
      ),
      pillarRefsOf(db, 'technical_group', ids, lang),
      loadSources(db, 'technical_group', ids),
      chairsOf(db, { groupIds: ids }, lang),
    ]);
    return rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      name: requiredText(texts, r.id, 'name'),
      createdAt: r.created_at_meeting_id ? (meetings.get(r.created_at_meeting_id) ?? null) : null,
      leadState: r.lead_state_id ? (leads.get(r.lead_state_id) ?? null) : null,
      chairs: chairs.filter((c) => c.group.id === r.id),
      pillars: pillars.get(r.id) ?? [],
      description: textOf(texts, r.id, 'description'),
      sources: sources.get(r.id) ?? [],
    }));
  }

  return {
    async list(
      query: z.infer<typeof TechnicalGroupListQuerySchema>,
      lang: Lang,
      actor: Actor,
    ): Promise<Page<TechnicalGroup>> {
      const [pillarId, leadStateId, meetingId] = await Promise.all([
        resolveFilter(db, 'pillar', 'pillar', query.pillar),
        resolveFilter(db, 'memberState', 'member_state', query.memberState),
        resolveMeetingFilter(db, query.meeting, filterVisibility(actor)),
      ]);
      const cursor = decodeCursor(query.cursor, ['int', 'text']);
      const rows = await listTechnicalGroups(db, { pillarId, leadStateId, meetingId }, query.limit, cursor);
      const page = toPage(rows, query.limit, (r) => [r.position, r.slug]);
      return { lang, items: await present(page.rows, lang), nextCursor: page.nextCursor };
    },

    async get(idOrSlug: string, lang: Lang): Promise<TechnicalGroup> {
      const row = await findTechnicalGroup(db, idOrSlug);
      const [group] = row ? await present([row], lang) : [];
      if (!group) throw new NotFoundError('technical-group', idOrSlug);
      return group;
    },
  };
}

export type TechnicalGroupsService = ReturnType<typeof technicalGroupsService>;
