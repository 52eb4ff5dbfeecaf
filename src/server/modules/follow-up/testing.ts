import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { expect } from 'vitest';
import type { Role } from '../../../contract/accounts.js';
import type { Cycle, FollowUpItem, Report } from '../../../contract/follow-up.js';
import type { ParagraphMark } from '../../../domain/outcome-documents.js';
import type { Database } from '../../db/schema.js';
import type { AppContext } from '../../testing/harness.js';
import { callerOf } from '../../testing/sessions.js';

/** Everything the follow-up's writes may change, for "nothing written" checks. */
export async function followUpSnapshot(db: Kysely<Database>) {
  const texts = ['follow_up_item', 'follow_up_sub_item', 'follow_up_cycle'] as const;
  return {
    items: await db.selectFrom('follow_up_item').selectAll().orderBy('id').execute(),
    subItems: await db.selectFrom('follow_up_sub_item').selectAll().orderBy('id').execute(),
    cycles: await db.selectFrom('follow_up_cycle').selectAll().orderBy('id').execute(),
    cycleItems: await db.selectFrom('follow_up_cycle_item').selectAll().orderBy(['cycle_id', 'item_id']).execute(),
    cycleStates: await db
      .selectFrom('follow_up_cycle_state')
      .selectAll()
      .orderBy(['cycle_id', 'member_state_id'])
      .execute(),
    reports: await db.selectFrom('follow_up_report').selectAll().orderBy('id').execute(),
    texts: await db
      .selectFrom('translation')
      .selectAll()
      .where('entity_type', 'in', texts)
      .orderBy(['entity_id', 'field', 'lang'])
      .execute(),
    pillars: await db
      .selectFrom('pillar_link')
      .selectAll()
      .where('entity_type', '=', 'follow_up_item')
      .orderBy(['entity_id', 'pillar_id'])
      .execute(),
  };
}

/**
 * Operative paragraphs with marks (and a preambular one before them, which is not followed up) at
 * the end of an adopted document's body, with a text in English and Spanish and the first pillar
 * given: what the outcome-documents area leaves once a document is adopted. Returns the node ids.
 */
export async function addMarkedParagraphs(
  db: Kysely<Database>,
  documentSlug: string,
  marks: ReadonlyArray<ParagraphMark | null>,
  pillar = 'prevention',
): Promise<string[]> {
  const document = await db
    .selectFrom('document')
    .select('id')
    .where('slug', '=', documentSlug)
    .executeTakeFirstOrThrow();
  const pillarRow = await db.selectFrom('pillar').select('id').where('code', '=', pillar).executeTakeFirstOrThrow();
  const at = new Date().toISOString();
  const ids: string[] = [];
  await db.updateTable('document').set({ original_lang: 'es' }).where('id', '=', document.id).execute();
  const kinds: Array<'preambular' | 'operative'> = ['preambular', ...marks.map(() => 'operative' as const)];
  for (const [position, kind] of kinds.entries()) {
    const id = uuidv7();
    const mark = position === 0 ? null : (marks[position - 1] ?? null);
    await db
      .insertInto('document_node')
      .values({ id, document_id: document.id, parent_id: null, position, kind, mark, created_at: at, updated_at: at })
      .execute();
    await db
      .insertInto('document_node_text')
      .values([
        { node_id: id, lang: 'es', text: `Párrafo ${position}`, state: 'done', created_at: at, updated_at: at },
        { node_id: id, lang: 'en', text: `Paragraph ${position}`, state: 'done', created_at: at, updated_at: at },
      ])
      .execute();
    if (kind === 'operative' && mark) {
      await db
        .insertInto('pillar_link')
        .values({
          entity_type: 'document_node',
          entity_id: id,
          pillar_id: pillarRow.id,
          created_at: at,
          updated_at: at,
        })
        .execute();
      ids.push(id);
    }
  }
  return ids;
}

/** Callers, requests and a cycle ready for reports, for the follow-up tests. */
export function followUpHelpers(ctx: AppContext) {
  const as = (role?: Role, state = 'mx') =>
    callerOf(ctx, role, role === 'focal-point' || role === 'delegate' ? state : {});
  const send = (method: 'GET' | 'POST' | 'PUT', url: string, headers = {}, payload?: object) =>
    ctx.app.inject({ method, url: `/api/v1/follow-up${url}`, headers, ...(payload ? { payload } : {}) });
  const ok = async <T = Report>(
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    headers: Record<string, string>,
    payload?: object,
    status = 200,
  ) => {
    const res = await send(method, url, headers, payload);
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as T;
  };
  /** A historic item of San Pedro Sula's recommendations with two weighted sub-items. */
  const historicItem = (headers: Record<string, string>, number = '13') =>
    ok<FollowUpItem>(
      'POST',
      '/items',
      headers,
      {
        document: 'recommendations-san-pedro-sula',
        number,
        texts: { en: `Recommendation ${number}`, es: `Recomendación ${number}` },
        pillars: ['police-management'],
        sourceUrl: 'https://www.oas.org/en/',
        subItems: [{ texts: { en: 'Train' }, weight: 3 }, { texts: { en: 'Equip' } }],
      },
      201,
    );
  const openCycle = (headers: Record<string, string>, body: object) =>
    ok<Cycle>(
      'POST',
      '/cycles',
      headers,
      { names: { en: 'Cycle' }, opensOn: '2020-01-01', deadline: '2099-12-31', ...body },
      201,
    );
  const reportUrl = (cycle: Cycle, item: string, state: string) => `/cycles/${cycle.id}/reports/${item}/${state}`;
  const complete = { status: 'implemented', measures: 'A law', institution: 'Ministry of Security' };
  return { as, send, ok, historicItem, openCycle, reportUrl, complete };
}
