import { expect, it } from 'vitest';
import {
  AgreementChangeSchema,
  AmendmentCreateSchema,
  AmendmentDecisionSchema,
  AmendmentMergeSchema,
  BracketCreateSchema,
  BracketResolveSchema,
  FootnoteCreateSchema,
  ObjectionCreateSchema,
  ObjectionWithdrawSchema,
  PositionCreateSchema,
  RevisionIssueSchema,
} from '../../../contract/negotiation.js';
import {
  DocumentImportSchema,
  LinkCreateSchema,
  NodeCreateSchema,
  NodeMoveSchema,
  NodeTranslationSchema,
  NodeUpdateSchema,
  OutcomeDocumentCreateSchema,
  OutcomeDocumentUpdateSchema,
  OutcomeStatusChangeSchema,
  VersionOnlySchema,
} from '../../../contract/outcome-documents.js';
import { nastyValues } from '../../testing/api.js';
import { type BodyFuzz, expectMalformedBodiesRefused } from '../../testing/bad-input.js';
import { describeEachEngine } from '../../testing/harness.js';
import { outcomeHelpers } from './testing.js';

// Every write endpoint gets this many malformed bodies on each engine (over 1,000 in all).
const RUNS = 150;
const FUZZ_TIMEOUT = 180_000;

/** Values close to valid ones, and the usual suspects. */
const VALUES = [
  'declaration',
  'institutional-document',
  'Declaration',
  'draft',
  'under-negotiation',
  'adopted',
  'section',
  'preambular',
  'operative',
  'recommendation',
  'mandate',
  'reaffirms',
  'pending',
  'done',
  'en',
  'es',
  'de',
  'prevention',
  'replace',
  'insert',
  'delete',
  'move',
  'support',
  'object',
  'reservation',
  'interpretative-statement',
  'agreed',
  'agreed-ad-referendum',
  'open',
  [{ text: 'a', states: ['ec'] }],
  [
    { text: 'a', states: ['ec'] },
    { text: 'b', states: ['zz'] },
  ],
  [
    { text: 'a', states: [] },
    { text: 'b', states: ['mx'] },
  ],
  'ec',
  'mx',
  'EC',
  'zz',
  ['ec', 'ec'],
  ['01900000-0000-7000-8000-000000000000'],
  ['01900000-0000-7000-8000-000000000000', '01900000-0000-7000-8000-000000000000'],
  'prevention',
  ['prevention', 'prevention'],
  ['cyber'],
  [{ kind: 'section', text: '' }],
  [{ kind: 'chapter', text: 'Capítulo' }],
  [{ kind: 'operative', text: 'Cooperar', number: 1 }],
  { en: 'Title' },
  { en: '' },
  { de: 'Titel' },
  'a'.repeat(20_001),
  'text\u0007bell',
  '01900000-0000-7000-8000-000000000000',
  'not-a-uuid',
  0,
  1,
  -1,
  1.5,
  2_001,
  2_147_483_648,
  true,
  null,
  {},
  [],
  ...nastyValues('document'),
];

describeEachEngine('outcome documents: malformed requests', (ctx) => {
  const h = outcomeHelpers(ctx);

  it(
    'answers every malformed body of every write with a 4xx problem document, writing nothing',
    async () => {
      const secretariat = await h.as('secretariat-staff');
      const { slug } = await h.meeting();
      let doc = await h.draft(secretariat, slug);
      doc = await h.addNode(secretariat, doc, { kind: 'operative', text: 'Cooperar' });
      const node = doc.body[0]?.id as string;
      const url = `/api/v1/documents/${doc.id}`;
      // A body is imported into an empty draft only: there, a valid body would be written.
      const empty = await h.draft(secretariat, slug);
      // So is a historic document's text, while the platform does not hold it.
      const historic = await h.historic();
      const endpoints: Array<Pick<BodyFuzz, 'method' | 'url' | 'schema' | 'fields'>> = [
        {
          method: 'POST',
          url: '/api/v1/documents',
          schema: OutcomeDocumentCreateSchema,
          fields: ['meeting', 'type', 'titles', 'originalLang'],
        },
        {
          method: 'PATCH',
          url,
          schema: OutcomeDocumentUpdateSchema,
          fields: ['version', 'type', 'titles', 'originalLang'],
        },
        { method: 'POST', url: `${url}/status`, schema: OutcomeStatusChangeSchema, fields: ['version', 'status'] },
        {
          method: 'POST',
          url: `${url}/nodes`,
          schema: NodeCreateSchema,
          fields: ['version', 'kind', 'parentId', 'index', 'text', 'mark', 'pillars'],
        },
        {
          method: 'PATCH',
          url: `${url}/nodes/${node}`,
          schema: NodeUpdateSchema,
          fields: ['version', 'text', 'mark', 'pillars'],
        },
        {
          method: 'POST',
          url: `${url}/nodes/${node}/move`,
          schema: NodeMoveSchema,
          fields: ['version', 'parentId', 'index'],
        },
        { method: 'DELETE', url: `${url}/nodes/${node}`, schema: VersionOnlySchema, fields: ['version'] },
        {
          method: 'PUT',
          url: `${url}/nodes/${node}/texts/en`,
          schema: NodeTranslationSchema,
          fields: ['version', 'text', 'state'],
        },
        { method: 'POST', url: `${url}/links`, schema: LinkCreateSchema, fields: ['version', 'relation', 'document'] },
        {
          method: 'POST',
          url: `/api/v1/documents/${empty.id}/import`,
          schema: DocumentImportSchema,
          fields: ['version', 'nodes', 'originalLang'],
        },
        {
          method: 'POST',
          url: `/api/v1/documents/${historic.id}/import`,
          schema: DocumentImportSchema,
          fields: ['version', 'nodes', 'originalLang'],
        },
      ];
      let sent = 0;
      for (const endpoint of endpoints) {
        sent += await expectMalformedBodiesRefused(ctx, {
          ...endpoint,
          headers: secretariat,
          values: VALUES,
          numRuns: RUNS,
          snapshot: () => h.snapshot(),
        });
      }
      expect(sent).toBeGreaterThanOrEqual(1000);
    },
    FUZZ_TIMEOUT,
  );

  it(
    'answers every malformed body of every negotiation write with a 4xx problem document, writing nothing',
    async () => {
      const { secretariat, doc } = await h.negotiated({ states: ['ec', 'mx'] });
      const ecuador = await h.as('focal-point', 'ec');
      const node = doc.body[0]?.id as string;
      const proposed = await h.send('POST', `/documents/${doc.id}/amendments`, ecuador, {
        version: doc.version,
        state: 'ec',
        kind: 'replace',
        nodeId: node,
        text: 'Cooperar más',
        rationale: 'Más ambicioso',
      });
      const amendment = proposed.json().id as string;
      const url = `/api/v1/documents/${doc.id}`;
      const endpoints: Array<Pick<BodyFuzz, 'method' | 'url' | 'schema' | 'fields' | 'headers'>> = [
        {
          method: 'POST',
          url: `${url}/amendments`,
          headers: ecuador,
          schema: AmendmentCreateSchema,
          fields: ['version', 'state', 'kind', 'nodeId', 'afterId', 'paragraphKind', 'text', 'rationale'],
        },
        {
          method: 'POST',
          url: `${url}/amendments/${amendment}/positions`,
          headers: await h.as('delegate', 'mx'),
          schema: PositionCreateSchema,
          fields: ['state', 'stance', 'comment'],
        },
        ...(['accept', 'reject'] as const).map((verb) => ({
          method: 'POST' as const,
          url: `${url}/amendments/${amendment}/${verb}`,
          headers: secretariat,
          schema: AmendmentDecisionSchema,
          fields: ['version'],
        })),
        {
          method: 'POST',
          url: `${url}/amendments/merge`,
          headers: secretariat,
          schema: AmendmentMergeSchema,
          fields: ['version', 'amendments', 'text', 'rationale'],
        },
        {
          method: 'POST',
          url: `${url}/revisions`,
          headers: secretariat,
          schema: RevisionIssueSchema,
          fields: ['version'],
        },
      ];
      let sent = 0;
      for (const endpoint of endpoints) {
        sent += await expectMalformedBodiesRefused(ctx, {
          ...endpoint,
          values: [...VALUES, node, amendment, doc.version],
          numRuns: 170,
          snapshot: () => h.snapshot(),
        });
      }
      expect(sent).toBeGreaterThanOrEqual(1000);
    },
    FUZZ_TIMEOUT,
  );

  it(
    'answers every malformed body of brackets, agreement, footnotes and objections with a 4xx problem document, writing nothing',
    async () => {
      const { secretariat, doc } = await h.negotiated({ states: ['ec', 'mx'] });
      const ecuador = await h.as('focal-point', 'ec');
      const node = doc.body[0]?.id as string;
      const url = `/api/v1/documents/${doc.id}`;
      const bracketed = await h.ok(
        'POST',
        `/documents/${doc.id}/nodes/${node}/brackets`,
        secretariat,
        {
          version: doc.version,
          alternatives: [
            { text: 'a', states: ['ec'] },
            { text: 'b', states: ['mx'] },
          ],
        },
        201,
      );
      const bracket = bracketed.body[0]?.brackets[0]?.id as string;
      const objected = await h.send('POST', `/documents/${doc.id}/objections`, ecuador, { state: 'ec', comment: 'No' });
      const objection = objected.json().standingObjections[0].id as string;
      const endpoints: Array<Pick<BodyFuzz, 'method' | 'url' | 'schema' | 'fields' | 'headers'>> = [
        {
          method: 'POST',
          url: `${url}/nodes/${node}/brackets`,
          headers: secretariat,
          schema: BracketCreateSchema,
          fields: ['version', 'alternatives'],
        },
        {
          method: 'POST',
          url: `${url}/nodes/${node}/brackets/${bracket}/resolve`,
          headers: secretariat,
          schema: BracketResolveSchema,
          fields: ['version', 'alternative', 'text'],
        },
        {
          method: 'POST',
          url: `${url}/nodes/${node}/agreement`,
          headers: secretariat,
          schema: AgreementChangeSchema,
          fields: ['version', 'agreement'],
        },
        {
          method: 'POST',
          url: `${url}/footnotes`,
          headers: ecuador,
          schema: FootnoteCreateSchema,
          fields: ['state', 'kind', 'nodeId', 'lang', 'text'],
        },
        {
          method: 'POST',
          url: `${url}/objections`,
          headers: ecuador,
          schema: ObjectionCreateSchema,
          fields: ['state', 'nodeId', 'comment'],
        },
        {
          method: 'POST',
          url: `${url}/objections/${objection}/withdraw`,
          headers: ecuador,
          schema: ObjectionWithdrawSchema,
          fields: ['state'],
        },
      ];
      let sent = 0;
      for (const endpoint of endpoints) {
        sent += await expectMalformedBodiesRefused(ctx, {
          ...endpoint,
          values: [...VALUES, node, bracketed.version],
          numRuns: 170,
          snapshot: () => h.snapshot(),
        });
      }
      expect(sent).toBeGreaterThanOrEqual(1000);
    },
    FUZZ_TIMEOUT,
  );

  it('refuses well-formed amendments that name what is not there, or the wrong state, writing nothing', async () => {
    const { doc } = await h.negotiated({ states: ['ec', 'mx'] });
    const ecuador = await h.as('focal-point', 'ec');
    const missing = '01900000-0000-7000-8000-000000000000';
    const node = doc.body[0]?.id as string;
    const base = { version: doc.version, state: 'ec', rationale: 'x' };
    const before = await h.snapshot();
    const cases: Array<[string, object, number, string?]> = [
      ['amendments', { ...base, kind: 'delete', nodeId: missing }, 400, 'nodeId'],
      ['amendments', { ...base, kind: 'move', nodeId: node, afterId: missing }, 400, 'afterId'],
      ['amendments', { ...base, kind: 'move', nodeId: node, afterId: node }, 400, 'afterId'],
      ['amendments', { ...base, state: 'zz', kind: 'delete', nodeId: node }, 400, 'state'],
      ['amendments', { ...base, kind: 'replace', nodeId: node }, 400, 'text'],
      ['amendments', { ...base, kind: 'delete', nodeId: node, text: 'x' }, 400, 'text'],
      [`amendments/${missing}/positions`, { state: 'ec', stance: 'support' }, 404],
      ['amendments/merge', { version: doc.version, amendments: [missing, node], text: 'x', rationale: 'x' }, 403],
    ];
    for (const [path, body, status, field] of cases) {
      const res = await h.send('POST', `/documents/${doc.id}/${path}`, ecuador, body);
      expect(res.statusCode, `${path} ${res.body}`).toBe(status);
      if (field) expect(res.json().errors?.[0]?.name).toBe(field);
    }
    const merge = await h.send('POST', `/documents/${doc.id}/amendments/merge`, await h.as('secretariat-staff'), {
      version: doc.version,
      amendments: [missing, node],
      text: 'x',
      rationale: 'x',
    });
    expect(merge.statusCode, merge.body).toBe(400);
    expect(merge.json().errors?.[0]?.name).toBe('amendments');
    expect(await h.snapshot()).toEqual(before);
  });

  it('refuses well-formed writes that name what is not there with 400 or 404, writing nothing', async () => {
    const secretariat = await h.as('secretariat-staff');
    const { slug } = await h.meeting();
    let doc = await h.draft(secretariat, slug);
    doc = await h.addNode(secretariat, doc, { kind: 'preambular', text: 'Recordando' });
    const paragraph = doc.body[0]?.id as string;
    const before = await h.snapshot();
    const missing = '01900000-0000-7000-8000-000000000000';
    const cases: Array<[string, string, object, number, string?]> = [
      [
        'POST',
        '/documents',
        { meeting: 'no-such-meeting', type: 'declaration', titles: { en: 'X' }, originalLang: 'en' },
        400,
        'meeting',
      ],
      ['PATCH', `/documents/${missing}`, { version: 1 }, 404],
      [
        'POST',
        `/documents/${doc.id}/nodes`,
        { version: doc.version, kind: 'operative', parentId: paragraph, text: 'x' },
        400,
        'parentId',
      ],
      [
        'POST',
        `/documents/${doc.id}/nodes`,
        { version: doc.version, kind: 'operative', parentId: missing, text: 'x' },
        400,
        'parentId',
      ],
      [
        'POST',
        `/documents/${doc.id}/nodes`,
        { version: doc.version, kind: 'operative', index: 5, text: 'x' },
        400,
        'index',
      ],
      [
        'POST',
        `/documents/${doc.id}/nodes`,
        { version: doc.version, kind: 'operative', text: 'x', pillars: ['cyber'] },
        400,
        'pillars',
      ],
      [
        'POST',
        `/documents/${doc.id}/nodes`,
        { version: doc.version, kind: 'preambular', text: 'x', mark: 'mandate' },
        400,
        'mark',
      ],
      ['PATCH', `/documents/${doc.id}/nodes/${missing}`, { version: doc.version, text: 'x' }, 404],
      [
        'POST',
        `/documents/${doc.id}/nodes/${paragraph}/move`,
        { version: doc.version, parentId: paragraph, index: 0 },
        400,
        'parentId',
      ],
      ['DELETE', `/documents/${doc.id}/links/${missing}`, { version: doc.version }, 404],
      [
        'POST',
        `/documents/${doc.id}/links`,
        { version: doc.version, relation: 'reaffirms', document: 'no-such-document' },
        400,
        'document',
      ],
    ];
    for (const [method, url, body, status, field] of cases) {
      const res = await h.send(method as 'POST', url, secretariat, body);
      expect(res.statusCode, `${method} ${url} ${res.body}`).toBe(status);
      if (field) expect(res.json().errors?.[0]?.name).toBe(field);
    }
    expect(await h.snapshot()).toEqual(before);
  });
});
