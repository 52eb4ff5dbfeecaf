import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { Amendment } from '../../../contract/negotiation.js';
import type { OutcomeDocument } from '../../../contract/outcome-documents.js';
import { expectProblem } from '../../testing/api.js';
import { describeEachEngine } from '../../testing/harness.js';
import { verifyChain } from '../audit/chain.js';
import { outcomeHelpers } from './testing.js';

/** The numbered paragraphs of a body, as "kind number: text". */
const numbered = (doc: OutcomeDocument) =>
  doc.body.map((n) => `${n.kind}${n.number === null ? '' : ` ${n.number}`}: ${n.texts.es?.text ?? '—'}`);

const PARAGRAPHS = [
  { kind: 'preambular', text: 'Reconociendo la cooperación regional' },
  { kind: 'operative', text: 'Fortalecer la cooperación regional' },
  { kind: 'operative', text: 'Intercambiar información' },
];

describeEachEngine('outcome documents: amendments', (ctx) => {
  const h = outcomeHelpers(ctx);

  async function setting() {
    const { secretariat, doc, meeting } = await h.negotiated({ states: ['ec', 'mx'], paragraphs: PARAGRAPHS });
    return {
      secretariat,
      meeting,
      doc,
      ecuador: await h.as('focal-point', 'ec'),
      mexico: await h.as('delegate', 'mx'),
      url: `/documents/${doc.id}`,
    };
  }

  const propose = async (headers: Record<string, string>, doc: OutcomeDocument, body: object) => {
    const res = await h.send('POST', `/documents/${doc.id}/amendments`, headers, {
      version: doc.version,
      rationale: 'Más preciso',
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Amendment;
  };

  it('lets a state propose for itself, others support or object, the chair accept: the text changes, a version is kept', async () => {
    const { secretariat, doc, ecuador, mexico, url } = await setting();
    const target = doc.body[1]?.id as string;
    const amendment = await propose(ecuador, doc, {
      state: 'ec',
      kind: 'replace',
      nodeId: target,
      text: 'Fortalecer la cooperación hemisférica',
    });
    expect(amendment).toMatchObject({
      kind: 'replace',
      status: 'pending',
      state: { slug: 'ec' },
      current: 'Fortalecer la cooperación regional',
      basedOnVersion: doc.version,
      diff: [
        { op: 'same', text: 'Fortalecer la cooperación ' },
        { op: 'removed', text: 'regional' },
        { op: 'added', text: 'hemisférica' },
      ],
      can: { position: false, decide: false },
    });
    // Ecuador cannot take a position on its own amendment.
    expectProblem(
      await h.send('POST', `${url}/amendments/${amendment.id}/positions`, ecuador, { state: 'ec', stance: 'support' }),
      400,
      'state',
    );
    const supported = (
      await h.send('POST', `${url}/amendments/${amendment.id}/positions`, mexico, {
        state: 'mx',
        stance: 'object',
        comment: 'Preferimos el texto actual',
      })
    ).json() as Amendment;
    expect(supported.objectors.map((p) => [p.state.slug, p.comment])).toEqual([['mx', 'Preferimos el texto actual']]);
    // Mexico changes its mind: its latest word counts.
    const listed = await h.send('POST', `${url}/amendments/${amendment.id}/positions`, mexico, {
      state: 'mx',
      stance: 'support',
    });
    expect(listed.json()).toMatchObject({ supporters: [{ state: { slug: 'mx' }, comment: null }], objectors: [] });

    const pending = (await h.send('GET', `${url}/amendments?status=pending`, secretariat)).json().items as Amendment[];
    expect(pending.map((a) => [a.id, a.can.decide])).toEqual([[amendment.id, true]]);

    const accepted = await h.ok('POST', `${url}/amendments/${amendment.id}/accept`, secretariat, {
      version: doc.version,
    });
    expect(numbered(accepted)).toEqual([
      'preambular 1: Reconociendo la cooperación regional',
      'operative 1: Fortalecer la cooperación hemisférica',
      'operative 2: Intercambiar información',
    ]);
    expect(accepted.body[1]?.id).toBe(target);
    const after = (await h.send('GET', `${url}/amendments`, mexico)).json().items as Amendment[];
    expect(after.map((a) => a.status)).toEqual(['accepted']);

    const versions = (await h.send('GET', `${url}/versions`, ecuador)).json().items;
    const last = versions.at(-1);
    expect(last).toMatchObject({
      number: accepted.version,
      action: 'outcome-documents.amendment-accept',
      amendment: amendment.id,
      revision: 0,
    });
    const first = versions.find((v: { action: string }) => v.action === 'outcome-documents.node-add').number;
    const compared = await h.send(
      'GET',
      `${url}/versions/compare?from=${versions.at(-2).number}&to=${last.number}`,
      mexico,
    );
    expect(compared.statusCode, compared.body).toBe(200);
    expect(compared.json().paragraphs.map((p: { change: string }) => p.change)).toEqual(['same', 'changed', 'same']);
    expect(compared.json().paragraphs[1].diff).toEqual(amendment.diff);
    const fromStart = (await h.send('GET', `${url}/versions/compare?from=${first}&to=${last.number}`, mexico)).json();
    expect(fromStart.paragraphs.map((p: { change: string }) => p.change)).toEqual(['same', 'added', 'added']);
    expectProblem(await h.send('GET', `${url}/versions/compare?from=999&to=${last.number}`, mexico), 400, 'from');

    expect(await h.auditActions(doc.id)).toEqual(
      expect.arrayContaining([
        'outcome-documents.amend',
        'outcome-documents.position',
        'outcome-documents.amendment-accept',
      ]),
    );
    expect(await verifyChain(h.db())).toMatchObject({ ok: true });
  });

  it('inserts after, deletes and moves paragraphs by accepted amendments, renumbering and keeping ids', async () => {
    const { secretariat, doc, ecuador, mexico, url } = await setting();
    const [preamble, strengthen, exchange] = doc.body.map((n) => n.id);
    const insert = await propose(ecuador, doc, {
      state: 'ec',
      kind: 'insert',
      nodeId: strengthen,
      text: 'Crear una red',
    });
    expect(insert.diff).toEqual([{ op: 'added', text: 'Crear una red' }]);
    const move = await propose(mexico, doc, { state: 'mx', kind: 'move', nodeId: exchange, afterId: null });
    const remove = await propose(mexico, doc, { state: 'mx', kind: 'delete', nodeId: preamble });
    expect(remove.diff).toEqual([{ op: 'removed', text: 'Reconociendo la cooperación regional' }]);

    let current = await h.ok('POST', `${url}/amendments/${insert.id}/accept`, secretariat, { version: doc.version });
    expect(numbered(current)).toEqual([
      'preambular 1: Reconociendo la cooperación regional',
      'operative 1: Fortalecer la cooperación regional',
      'operative 2: Crear una red',
      'operative 3: Intercambiar información',
    ]);
    current = await h.ok('POST', `${url}/amendments/${move.id}/accept`, secretariat, { version: current.version });
    current = await h.ok('POST', `${url}/amendments/${remove.id}/accept`, secretariat, { version: current.version });
    expect(numbered(current)).toEqual([
      'operative 1: Intercambiar información',
      'operative 2: Fortalecer la cooperación regional',
      'operative 3: Crear una red',
    ]);
    const amendments = (await h.send('GET', `${url}/amendments`, secretariat)).json().items as Amendment[];
    expect(amendments.find((a) => a.id === insert.id)?.newNodeId).toBe(current.body[2]?.id);
  });

  it('rejects without changing the text, merges amendments into the chair’s text, and issues revisions', async () => {
    const { secretariat, doc, ecuador, mexico, url } = await setting();
    const target = doc.body[2]?.id as string;
    const first = await propose(ecuador, doc, {
      state: 'ec',
      kind: 'replace',
      nodeId: target,
      text: 'Compartir datos',
    });
    const second = await propose(mexico, doc, { state: 'mx', kind: 'delete', nodeId: target });
    const third = await propose(mexico, doc, { state: 'mx', kind: 'replace', nodeId: target, text: 'Intercambiar' });
    const before = (await h.send('GET', url, secretariat)).json() as OutcomeDocument;
    const rejected = await h.ok('POST', `${url}/amendments/${third.id}/reject`, secretariat, {
      version: before.version,
    });
    expect(rejected.body).toEqual(before.body);
    expectProblem(
      await h.send('POST', `${url}/amendments/${third.id}/accept`, secretariat, { version: rejected.version }),
      409,
    );
    const merged = await h.ok('POST', `${url}/amendments/merge`, secretariat, {
      version: rejected.version,
      amendments: [first.id, second.id],
      text: 'Compartir información y datos',
      rationale: 'Texto de la presidencia',
    });
    expect(merged.body).toEqual(before.body);
    const all = (await h.send('GET', `${url}/amendments`, ecuador)).json().items as Amendment[];
    const chair = all.find((a) => a.state === null) as Amendment;
    expect(all.map((a) => [a.status, a.mergedInto])).toEqual([
      ['merged', chair.id],
      ['merged', chair.id],
      ['rejected', null],
      ['pending', null],
    ]);
    expect(chair.can.position).toBe(true);
    const accepted = await h.ok('POST', `${url}/amendments/${chair.id}/accept`, secretariat, {
      version: merged.version,
    });
    expect(accepted.body[2]?.texts.es?.text).toBe('Compartir información y datos');

    const symbol = accepted.symbol as string;
    const rev1 = await h.ok('POST', `${url}/revisions`, secretariat, { version: accepted.version });
    expect(rev1.symbol).toBe(`${symbol} rev. 1`);
    const rev2 = await h.ok('POST', `${url}/revisions`, secretariat, { version: rev1.version });
    expect(rev2.symbol).toBe(`${symbol} rev. 2`);
    const versions = (await h.send('GET', `${url}/versions`, secretariat)).json().items;
    expect(versions.slice(-2).map((v: { revision: number; action: string }) => [v.action, v.revision])).toEqual([
      ['outcome-documents.revision', 1],
      ['outcome-documents.revision', 2],
    ]);
  });

  it('reads amendments, versions compared and paragraphs with the portal’s ?lang=', async () => {
    const { doc, ecuador, mexico, url } = await setting();
    await propose(ecuador, doc, { state: 'ec', kind: 'delete', nodeId: doc.body[2]?.id });
    const amendments = await h.send('GET', `${url}/amendments?status=pending&lang=en`, mexico);
    expect(amendments.statusCode, amendments.body).toBe(200);
    expect(amendments.json().items[0].state.name.lang).toBe('en');
    const last = (await h.send('GET', `${url}/versions?lang=es`, mexico)).json().items.at(-1).number;
    for (const path of [
      `${url}/versions/compare?from=${last}&to=${last}&lang=fr`,
      `${url}/paragraphs?status=unsettled&lang=pt`,
    ]) {
      const res = await h.send('GET', path, mexico);
      expect(res.statusCode, res.body).toBe(200);
    }
  });

  it('answers a stale version with 409 carrying the current document, and changes nothing', async () => {
    const { secretariat, doc, ecuador, url } = await setting();
    const amendment = await propose(ecuador, doc, {
      state: 'ec',
      kind: 'replace',
      nodeId: doc.body[1]?.id,
      text: 'Otro texto',
    });
    const moved = await h.addNode(secretariat, doc, { kind: 'operative', text: 'Nuevo' });
    const before = await h.snapshot();
    for (const [headers, path, body] of [
      [
        ecuador,
        `${url}/amendments`,
        { version: doc.version, state: 'ec', kind: 'delete', nodeId: doc.body[1]?.id, rationale: 'x' },
      ],
      [secretariat, `${url}/amendments/${amendment.id}/accept`, { version: doc.version }],
      [secretariat, `${url}/amendments/${amendment.id}/reject`, { version: doc.version }],
      [secretariat, `${url}/revisions`, { version: doc.version }],
    ] as const) {
      const res = await h.send('POST', path, headers, body);
      expectProblem(res, 409);
      expect(res.json().current).toMatchObject({ id: doc.id, version: moved.version });
    }
    expect(await h.snapshot()).toEqual(before);
  });

  it('lets a state act only for itself, only the chair decide, and hides a draft’s negotiation with 404', async () => {
    const { secretariat, doc, ecuador, meeting, url } = await setting();
    const amendment = await propose(ecuador, doc, {
      state: 'ec',
      kind: 'replace',
      nodeId: doc.body[1]?.id,
      text: 'Otro texto',
    });
    const before = await h.snapshot();
    const propose_ = { version: doc.version, kind: 'delete', nodeId: doc.body[1]?.id, rationale: 'x' };
    const cases: Array<[Record<string, string>, string, object, number]> = [
      // Ecuador on behalf of Mexico, and the other way round.
      [ecuador, `${url}/amendments`, { ...propose_, state: 'mx' }, 403],
      [
        await h.as('delegate', 'mx'),
        `${url}/amendments/${amendment.id}/positions`,
        { state: 'ec', stance: 'support' },
        403,
      ],
      // A state without a delegation at the meeting does not see the document.
      [await h.as('focal-point', 'co'), `${url}/amendments`, { ...propose_, state: 'co' }, 404],
      // The secretariat chairs, it does not amend; states do not decide.
      [secretariat, `${url}/amendments`, { ...propose_, state: 'ec' }, 403],
      [ecuador, `${url}/amendments/${amendment.id}/accept`, { version: doc.version }, 403],
      [ecuador, `${url}/amendments/${amendment.id}/reject`, { version: doc.version }, 403],
      [ecuador, `${url}/revisions`, { version: doc.version }, 403],
      [await h.as('partner'), `${url}/amendments`, { ...propose_, state: 'ec' }, 403],
      [{}, `${url}/amendments`, { ...propose_, state: 'ec' }, 401],
    ];
    for (const [headers, path, body, status] of cases) {
      expectProblem(await h.send('POST', path, headers, body), status);
    }
    expect(await h.snapshot()).toEqual(before);
    for (const headers of [{}, await h.as('partner'), await h.as('focal-point', 'co')]) {
      for (const path of [`${url}/amendments`, `${url}/versions`, `${url}/versions/compare?from=2&to=3`]) {
        expectProblem(await h.send('GET', path, headers), 404);
      }
    }
    // A draft takes no amendments.
    const draft = await h.draft(secretariat, meeting.slug);
    const withParagraph = await h.addNode(secretariat, draft, { kind: 'operative', text: 'Texto' });
    expectProblem(
      await h.send('POST', `/documents/${draft.id}/amendments`, ecuador, {
        ...propose_,
        version: withParagraph.version,
        nodeId: withParagraph.body[0]?.id,
        state: 'ec',
      }),
      409,
    );
  });

  it('keeps the numbering whole and loses no paragraph through any accepted amendments; rejected ones change nothing', async () => {
    const step = fc.record({
      kind: fc.constantFrom('replace', 'insert', 'delete', 'move'),
      node: fc.nat(),
      after: fc.option(fc.nat()),
      accept: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        const { secretariat, doc, url } = await setting();
        const ecuador = await h.as('focal-point', 'ec');
        let current = doc;
        let expected = new Set(doc.body.map((n) => n.id));
        for (const [i, s] of steps.entries()) {
          const paragraphs = current.body.filter((n) => n.kind !== 'section').map((n) => n.id);
          if (paragraphs.length === 0) break;
          const nodeId = paragraphs[s.node % paragraphs.length] as string;
          const afterId = s.after === null ? null : (paragraphs[s.after % paragraphs.length] as string);
          if (s.kind === 'move' && afterId === nodeId) continue;
          const amendment = await propose(ecuador, current, {
            state: 'ec',
            kind: s.kind,
            nodeId,
            ...(s.kind === 'move' ? { afterId } : {}),
            ...(s.kind === 'replace' || s.kind === 'insert' ? { text: `Texto ${i}` } : {}),
          });
          const next = await h.ok(
            'POST',
            `${url}/amendments/${amendment.id}/${s.accept ? 'accept' : 'reject'}`,
            secretariat,
            {
              version: current.version,
            },
          );
          if (!s.accept) expect(next.body).toEqual(current.body);
          else if (s.kind === 'delete') expected.delete(nodeId);
          else if (s.kind === 'insert') {
            const made = (await h.send('GET', `${url}/amendments`, secretariat)).json().items.at(-1).newNodeId;
            expected = new Set([...expected, made]);
          }
          if (s.accept && s.kind === 'replace')
            expect(next.body.find((n) => n.id === nodeId)?.texts.es?.text).toBe(`Texto ${i}`);
          expect(new Set(next.body.map((n) => n.id))).toEqual(expected);
          for (const kind of ['preambular', 'operative'] as const) {
            const numbers = next.body.filter((n) => n.kind === kind).map((n) => n.number);
            expect(numbers).toEqual(numbers.map((_, k) => k + 1));
          }
          current = next;
        }
      }),
      { numRuns: 12, endOnFailure: true },
    );
  }, 120_000);
});
