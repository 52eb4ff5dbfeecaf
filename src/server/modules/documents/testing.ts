import { expect } from 'vitest';
import type { Role } from '../../../contract/accounts.js';
import type { OutcomeDocument } from '../../../contract/outcome-documents.js';
import { zipBytes } from '../../files/testing.js';
import { buildMeeting } from '../../testing/factories.js';
import type { AppContext } from '../../testing/harness.js';
import { callerOf } from '../../testing/sessions.js';
import { delegationApi } from '../delegations/testing.js';

/** The public and the roles that do not draft, with the status each meets on a drafting write. */
export const NOT_DRAFTING: Array<[Role | undefined, number]> = [
  [undefined, 401],
  ['focal-point', 403],
  ['delegate', 403],
  ['group-member', 403],
];

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
  /** A historic document of the reference data (its first by slug). */
  const historic = () =>
    db()
      .selectFrom('document')
      .select(['id', 'slug'])
      .where('managed_by', '=', 'reference')
      .orderBy('slug')
      .executeTakeFirstOrThrow();
  return { db, as, meeting, send, ok, draft, addNode, negotiated, snapshot, auditActions, historic };
}

/** A paragraph of a test DOCX: its text, a paragraph style id, and Word's own list numbering. */
export interface DocxParagraph {
  text: string;
  style?: string;
  listed?: boolean;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const WORD_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * A real, small DOCX as Word writes one: content types, package and document relationships,
 * word/document.xml with the paragraphs, and a decimal list in word/numbering.xml for those
 * `listed`.
 */
export function docxBytes(paragraphs: DocxParagraph[]): Buffer {
  const body = paragraphs
    .map((p) => {
      const props = [
        p.style ? `<w:pStyle w:val="${p.style}"/>` : '',
        p.listed ? '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' : '',
      ].join('');
      return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}<w:r><w:t xml:space="preserve">${escapeXml(p.text)}</w:t></w:r></w:p>`;
    })
    .join('');
  return zipBytes([
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${RELS_NS}"><Relationship Id="rId1" Type="${OFFICE_RELS}/officeDocument" Target="word/document.xml"/></Relationships>`,
    },
    {
      name: 'word/_rels/document.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${RELS_NS}"><Relationship Id="rId1" Type="${OFFICE_RELS}/numbering" Target="numbering.xml"/></Relationships>`,
    },
    {
      name: 'word/numbering.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="${WORD_NS}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`,
    },
    {
      name: 'word/document.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${WORD_NS}"><w:body>${body}</w:body></w:document>`,
    },
  ]);
}
