import { expect } from 'vitest';
import type { Role } from '../../../contract/accounts.js';
import type { OutcomeDocument } from '../../../contract/outcome-documents.js';
import { buildMeeting } from '../../testing/factories.js';
import type { AppContext } from '../../testing/harness.js';
import { callerOf } from '../../testing/sessions.js';
import { delegationApi } from '../delegations/testing.js';

/** What the outcome-document tests share: callers by role, a meeting, requests and snapshots. */
export function outcomeHelpers(ctx: AppContext) {
  const db = () => ctx.database.db;
  /** Headers of a browser session of a user with `role` (a state's roles bound to `state`, Ecuador
   * unless told). */
  const as = (role?: Role, state = 'ec') =>
    callerOf(ctx, role, role === 'focal-point' || role === 'delegate' ? state : {});
  const meeting = () => buildMeeting(db(), { status: 'registration-open' });
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, headers = {}, payload?: object) =>
    ctx.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  /** Sends a write and returns the document it answers with (expects `status`). */
  const ok = async (
    method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    payload: object,
    status = 200,
  ) => {
    const res = await send(method, url, headers, payload);
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as OutcomeDocument;
  };
  const draft = (headers: Record<string, string>, meetingSlug: string) =>
    ok(
      'POST',
      '/documents',
      headers,
      {
        meeting: meetingSlug,
        type: 'declaration',
        titles: { es: 'Declaración de prueba', en: 'Test declaration' },
        originalLang: 'es',
      },
      201,
    );
  const addNode = (headers: Record<string, string>, doc: OutcomeDocument, body: object) =>
    ok('POST', `/documents/${doc.id}/nodes`, headers, { version: doc.version, ...body }, 201);
  /** Every row the documents area writes, to check a refused write changed nothing. */
  const snapshot = async () => ({
    documents: await db().selectFrom('document').selectAll().orderBy('id').execute(),
    nodes: await db().selectFrom('document_node').selectAll().orderBy('id').execute(),
    texts: await db().selectFrom('document_node_text').selectAll().orderBy('node_id').orderBy('lang').execute(),
    links: await db().selectFrom('document_link').selectAll().orderBy('id').execute(),
    amendments: await db().selectFrom('document_amendment').selectAll().orderBy('id').execute(),
    positions: await db()
      .selectFrom('document_amendment_position')
      .selectAll()
      .orderBy('amendment_id')
      .orderBy('member_state_id')
      .execute(),
    versions: await db().selectFrom('document_version').selectAll().orderBy('id').execute(),
    brackets: await db().selectFrom('document_bracket').selectAll().orderBy('id').execute(),
    alternatives: await db().selectFrom('document_bracket_alternative').selectAll().orderBy('id').execute(),
    holders: await db()
      .selectFrom('document_bracket_holder')
      .selectAll()
      .orderBy('alternative_id')
      .orderBy('member_state_id')
      .execute(),
    footnotes: await db().selectFrom('document_footnote').selectAll().orderBy('id').execute(),
    objections: await db().selectFrom('document_objection').selectAll().orderBy('id').execute(),
    pillarLinks: await db()
      .selectFrom('pillar_link')
      .selectAll()
      .where('entity_type', '=', 'document_node')
      .orderBy('entity_id')
      .orderBy('pillar_id')
      .execute(),
    titles: await db()
      .selectFrom('translation')
      .selectAll()
      .where('entity_type', '=', 'document')
      .orderBy('entity_id')
      .orderBy('lang')
      .orderBy('field')
      .execute(),
    audit: await db().selectFrom('audit_entry').select(['seq', 'hash']).orderBy('seq').execute(),
  });
  /** A meeting with a draft opened for negotiation (one operative paragraph, 'Cooperar', unless
   * `paragraphs` are given), and the delegations of `states` (Ecuador's unless told) registered at it. */
  async function negotiated(options: { states?: string[]; paragraphs?: object[] } = {}) {
    const secretariat = await as('secretariat-staff');
    const venue = await meeting();
    let doc = await draft(secretariat, venue.slug);
    for (const paragraph of options.paragraphs ?? [{ kind: 'operative', text: 'Cooperar', pillars: ['prevention'] }])
      doc = await addNode(secretariat, doc, paragraph);
    doc = await ok('POST', `/documents/${doc.id}/status`, secretariat, {
      version: doc.version,
      status: 'under-negotiation',
    });
    for (const state of options.states ?? ['ec'])
      await delegationApi(ctx).registered(await as('focal-point', state), venue.slug, { memberState: state });
    return { secretariat, meeting: venue, doc };
  }
  const auditActions = async (entityId: string) =>
    (
      await db().selectFrom('audit_entry').select('action').where('entity_id', '=', entityId).orderBy('seq').execute()
    ).map((entry) => entry.action);
  return { db, as, meeting, send, ok, draft, addNode, negotiated, snapshot, auditActions };
}
