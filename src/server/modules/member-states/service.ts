import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Lang, Page } from '../../../contract/common.js';
import type {
  DocumentRef,
  MemberState,
  MemberStateDetail,
  MemberStateListQuerySchema,
  Subregion,
} from '../../../contract/reference.js';
import type { Database } from '../../db/schema.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import { NotFoundError } from '../../http/problems.js';
import { publicAttendance } from '../delegations/index.js';
import { namesOf } from '../shared/meeting-names.js';
import { technicalGroupRefs, toMeetingRef } from '../shared/refs.js';
import { loadSources, loadTexts, requiredText, textOf } from '../shared/texts.js';
import { chairsOf } from '../technical-groups/index.js';
import {
  documentsFootnotedBy,
  findMemberState,
  groupsLedBy,
  listMemberStates,
  type MemberStateRow,
  meetingsHostedBy,
} from './queries.js';

export function memberStatesService({ db }: { db: Kysely<Database> }) {
  async function present(rows: MemberStateRow[], lang: Lang): Promise<MemberState[]> {
    const texts = await loadTexts(
      db,
      'member_state',
      rows.map((r) => r.id),
      lang,
    );
    return rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      iso2: r.iso2,
      iso3: r.iso3,
      isoNumeric: r.iso_numeric,
      subregion: r.subregion as Subregion,
      name: requiredText(texts, r.id, 'name'),
    }));
  }

  return {
    async list(query: z.infer<typeof MemberStateListQuerySchema>, lang: Lang): Promise<Page<MemberState>> {
      const cursor = decodeCursor(query.cursor, ['text']);
      const rows = await listMemberStates(db, { subregion: query.subregion }, query.limit, cursor);
      const page = toPage(rows, query.limit, (r) => [r.slug]);
      return { lang, items: await present(page.rows, lang), nextCursor: page.nextCursor };
    },

    async get(idOrSlug: string, lang: Lang): Promise<MemberStateDetail> {
      const row = await findMemberState(db, idOrSlug);
      if (!row) throw new NotFoundError('member-state', idOrSlug);
      const [[state], meetings, attended, groups, chairs, footnoted, sources] = await Promise.all([
        present([row], lang),
        meetingsHostedBy(db, row.id),
        publicAttendance(db, row.id),
        groupsLedBy(db, row.id),
        chairsOf(db, { stateId: row.id }, lang),
        documentsFootnotedBy(db, row.id),
        loadSources(db, 'member_state', [row.id]),
      ]);
      const documentTitles = await loadTexts(
        db,
        'document',
        footnoted.map((d) => d.id),
        lang,
      );
      const names = await namesOf(
        db,
        [...meetings, ...attended].filter((m) => m.kind !== 'ministerial').map((m) => m.id),
        lang,
      );
      const ref = (m: (typeof meetings)[number]) => toMeetingRef(m, names.get(m.id)?.text);
      return {
        ...(state as MemberState),
        meetingsAttended: attended.map(ref),
        meetingsHosted: meetings.map(ref),
        groupsLed: await technicalGroupRefs(db, groups, lang),
        chairs,
        documentsFootnoted: footnoted.map((d) => ({
          ...d,
          type: d.type as DocumentRef['type'],
          title: textOf(documentTitles, d.id, 'title'),
        })),
        sources: sources.get(row.id) ?? [],
      };
    },
  };
}

export type MemberStatesService = ReturnType<typeof memberStatesService>;
