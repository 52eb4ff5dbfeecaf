import { expect, it } from 'vitest';
import type { OutcomeDocument } from '../../../contract/outcome-documents.js';
import { expectProblem } from '../../testing/api.js';
import { describeEachEngine } from '../../testing/harness.js';
import { outcomeHelpers } from './testing.js';

const PARAGRAPHS = [
  { kind: 'preambular', text: 'Reconociendo la cooperación' },
  { kind: 'section', text: 'Compromisos' },
  { kind: 'operative', text: 'Fortalecer la cooperación' },
];

describeEachEngine('outcome documents: brackets, footnotes and adoption', (ctx) => {
  const h = outcomeHelpers(ctx);

  async function setting() {
    const { secretariat, doc } = await h.negotiated({ states: ['ec', 'mx'], paragraphs: PARAGRAPHS });
    // The operative paragraph goes into the section.
    const section = doc.body[1]?.id as string;
    const moved = await h.ok('POST', `/documents/${doc.id}/nodes/${doc.body[2]?.id}/move`, secretariat, {
      version: doc.version,
      parentId: section,
      index: 0,
    });
    return {
      secretariat,
      doc: moved,
      section,
      paragraph: moved.body[2]?.id as string,
      ecuador: await h.as('focal-point', 'ec'),
      mexico: await h.as('delegate', 'mx'),
      url: `/documents/${doc.id}`,
    };
  }

  /** The chair puts the setting's paragraph in brackets with these wordings. */
  const bracketIn = (
    { url, paragraph, secretariat, doc }: Awaited<ReturnType<typeof setting>>,
    alternatives: { text: string; states: string[] }[],
  ) => h.ok('POST', `${url}/nodes/${paragraph}/brackets`, secretariat, { version: doc.version, alternatives }, 201);

  it('brackets a paragraph with wordings held by states, counts it per section, filters it, and resolves it', async () => {
    const given = await setting();
    const { secretariat, section, paragraph, mexico, url } = given;
    const bracketed = await bracketIn(given, [
      { text: 'Fortalecer la cooperación regional', states: ['ec'] },
      { text: 'Fortalecer la cooperación hemisférica', states: ['mx', 'co'] },
    ]);
    const node = bracketed.body.find((n) => n.id === paragraph);
    expect(node?.brackets[0]?.alternatives.map((a) => [a.text, a.states.map((s) => s.slug)])).toEqual([
      ['Fortalecer la cooperación regional', ['ec']],
      ['Fortalecer la cooperación hemisférica', ['co', 'mx']],
    ]);
    expect(bracketed.sections).toEqual([
      { sectionId: null, paragraphs: 1, open: 1, agreed: 0, agreedAdReferendum: 0, bracketed: 0 },
      { sectionId: section, paragraphs: 1, open: 1, agreed: 0, agreedAdReferendum: 0, bracketed: 1 },
    ]);
    const listed = (await h.send('GET', `${url}/paragraphs?status=bracketed`, mexico)).json().items;
    expect(listed.map((n: { id: string }) => n.id)).toEqual([paragraph]);
    expectProblem(
      await h.send('POST', `${url}/nodes/${paragraph}/brackets`, secretariat, {
        version: bracketed.version,
        alternatives: [
          { text: 'a', states: ['ec'] },
          { text: 'b', states: ['mx'] },
        ],
      }),
      409,
    );
    const blockers = (await h.send('GET', `${url}/blockers`, mexico)).json();
    expect(blockers).toMatchObject({ openBrackets: [{ nodeId: paragraph }], adoptable: false });

    const bracketId = node?.brackets[0]?.id as string;
    const resolved = await h.ok('POST', `${url}/nodes/${paragraph}/brackets/${bracketId}/resolve`, secretariat, {
      version: bracketed.version,
      alternative: 1,
    });
    const after = resolved.body.find((n) => n.id === paragraph);
    expect(after).toMatchObject({ brackets: [], texts: { es: { text: 'Fortalecer la cooperación hemisférica' } } });
    let current = resolved;
    for (const id of [resolved.body[0]?.id, paragraph]) {
      current = await h.ok('POST', `${url}/nodes/${id}/agreement`, secretariat, {
        version: current.version,
        agreement: id === paragraph ? 'agreed-ad-referendum' : 'agreed',
      });
    }
    expect(current.sections).toEqual([
      { sectionId: null, paragraphs: 1, open: 0, agreed: 1, agreedAdReferendum: 0, bracketed: 0 },
      { sectionId: section, paragraphs: 1, open: 0, agreed: 0, agreedAdReferendum: 1, bracketed: 0 },
    ]);
    expect((await h.send('GET', `${url}/paragraphs?status=unsettled`, mexico)).json().items).toEqual([]);
    const versions = (await h.send('GET', `${url}/versions`, mexico)).json().items;
    expect(versions.at(-1).action).toBe('outcome-documents.bracket-resolve');
  });

  it('resolves a bracket with a text of the chair’s own, the chair alone and once, and the versions compare it', async () => {
    const given = await setting();
    const { secretariat, paragraph, mexico, url } = given;
    const bracketed = await bracketIn(given, [
      { text: 'Cooperación regional', states: ['ec'] },
      { text: 'Cooperación hemisférica', states: ['mx'] },
    ]);
    const bracketId = bracketed.body.find((n) => n.id === paragraph)?.brackets[0]?.id as string;
    const resolve = `${url}/nodes/${paragraph}/brackets/${bracketId}/resolve`;
    // Neither or both of a pick and a text: refused, nothing written.
    for (const body of [{ version: bracketed.version }, { version: bracketed.version, alternative: 0, text: 'Otra' }]) {
      expectProblem(await h.send('POST', resolve, secretariat, body), 400);
    }
    // Only the chair resolves.
    expectProblem(await h.send('POST', resolve, mexico, { version: bracketed.version, text: 'Otra' }), 403);
    const own = 'Fortalecer la cooperación en todo el hemisferio';
    const resolved = await h.ok('POST', resolve, secretariat, { version: bracketed.version, text: own });
    expect(resolved.version).toBe(bracketed.version + 1);
    expect(resolved.body.find((n) => n.id === paragraph)).toMatchObject({ brackets: [], texts: { es: { text: own } } });
    // Resolved once: a second resolution finds no open bracket.
    expectProblem(await h.send('POST', resolve, secretariat, { version: resolved.version, alternative: 0 }), 404);
    const versions = (await h.send('GET', `${url}/versions`, mexico)).json().items;
    const [before, last] = versions.slice(-2);
    expect(last.action).toBe('outcome-documents.bracket-resolve');
    const compared = await h.send('GET', `${url}/versions/compare?from=${before.number}&to=${last.number}`, mexico);
    expect(compared.statusCode).toBe(200);
    expect(compared.body).toContain('hemisferio');
  });

  it('takes footnotes and objections of a state for itself, blocks adoption until none is left, then freezes the text', async () => {
    const { secretariat, doc, paragraph, ecuador, mexico, url } = await setting();
    const amendment = (
      await h.send('POST', `${url}/amendments`, ecuador, {
        version: doc.version,
        state: 'ec',
        kind: 'delete',
        nodeId: paragraph,
        rationale: 'Innecesario',
      })
    ).json();
    const footnoted = await h.ok(
      'POST',
      `${url}/footnotes`,
      ecuador,
      { state: 'ec', kind: 'reservation', nodeId: paragraph, lang: 'es', text: 'Ecuador se reserva este párrafo.' },
      201,
    );
    expect(footnoted.footnotes).toMatchObject([{ nodeId: paragraph, state: { slug: 'ec' }, kind: 'reservation' }]);
    const objected = await h.send('POST', `${url}/objections`, mexico, { state: 'mx', comment: 'Falta consenso' });
    expect(objected.statusCode, objected.body).toBe(201);
    const objection = objected.json().standingObjections[0].id as string;

    let current = await h.ok('POST', `${url}/status`, secretariat, {
      version: footnoted.version,
      status: 'agreed-ad-referendum',
    });
    const blocked = await h.send('POST', `${url}/status`, secretariat, { version: current.version, status: 'adopted' });
    expectProblem(blocked, 409);
    expect(blocked.json().detail).toContain('1');
    // Ecuador cannot withdraw Mexico's objection; Mexico can.
    expectProblem(await h.send('POST', `${url}/objections/${objection}/withdraw`, ecuador, { state: 'mx' }), 403);
    expectProblem(await h.send('POST', `${url}/objections/${objection}/withdraw`, ecuador, { state: 'ec' }), 404);
    const withdrawn = await h.send('POST', `${url}/objections/${objection}/withdraw`, mexico, { state: 'mx' });
    expect(withdrawn.json()).toMatchObject({ standingObjections: [], pendingAmendments: [{ id: amendment.id }] });
    // A pending amendment is decided under negotiation: back to it, reject, agree again.
    current = await h.ok('POST', `${url}/status`, secretariat, {
      version: current.version,
      status: 'under-negotiation',
    });
    current = await h.ok('POST', `${url}/amendments/${amendment.id}/reject`, secretariat, { version: current.version });
    current = await h.ok('POST', `${url}/status`, secretariat, {
      version: current.version,
      status: 'agreed-ad-referendum',
    });
    expect((await h.send('GET', `${url}/blockers`, secretariat)).json().adoptable).toBe(true);
    // A footnote at adoption: Mexico's interpretative statement on the whole text.
    await h.ok(
      'POST',
      `${url}/footnotes`,
      mexico,
      { state: 'mx', kind: 'interpretative-statement', nodeId: null, lang: 'es', text: 'México entiende…' },
      201,
    );
    const adopted = await h.ok('POST', `${url}/status`, secretariat, {
      version: (await h.send('GET', url, secretariat)).json().version,
      status: 'adopted',
    });
    expect(adopted.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(adopted.adoptedOn).not.toBeNull();
    const published = (await h.send('GET', url)).json() as OutcomeDocument;
    expect(published.contentHash).toBe(adopted.contentHash);
    expect(published.footnotes.map((f) => [f.state.slug, f.kind, f.nodeId])).toEqual([
      ['ec', 'reservation', paragraph],
      ['mx', 'interpretative-statement', null],
    ]);

    // Adopted text never changes: every write is refused and nothing is written.
    const before = await h.snapshot();
    const node = { version: adopted.version };
    const attempts: Array<[Record<string, string>, string, string, object]> = [
      [secretariat, 'POST', `${url}/nodes`, { ...node, kind: 'operative', text: 'Nuevo' }],
      [secretariat, 'PATCH', `${url}/nodes/${paragraph}`, { ...node, text: 'Otro' }],
      [secretariat, 'PUT', `${url}/nodes/${paragraph}/texts/en`, { ...node, text: 'Other', state: 'done' }],
      [secretariat, 'DELETE', `${url}/nodes/${paragraph}`, node],
      [secretariat, 'POST', `${url}/nodes/${paragraph}/move`, { ...node, parentId: null, index: 0 }],
      [secretariat, 'PATCH', url, { ...node, titles: { es: 'Otro título' } }],
      [secretariat, 'POST', `${url}/status`, { ...node, status: 'withdrawn' }],
      [secretariat, 'POST', `${url}/revisions`, node],
      [secretariat, 'POST', `${url}/nodes/${paragraph}/agreement`, { ...node, agreement: 'open' }],
      [
        secretariat,
        'POST',
        `${url}/nodes/${paragraph}/brackets`,
        {
          ...node,
          alternatives: [
            { text: 'a', states: ['ec'] },
            { text: 'b', states: ['mx'] },
          ],
        },
      ],
      [
        ecuador,
        'POST',
        `${url}/amendments`,
        { ...node, state: 'ec', kind: 'replace', nodeId: paragraph, text: 'x', rationale: 'x' },
      ],
      [ecuador, 'POST', `${url}/footnotes`, { state: 'ec', kind: 'reservation', lang: 'es', text: 'Tarde' }],
      [mexico, 'POST', `${url}/objections`, { state: 'mx', comment: 'Tarde' }],
    ];
    for (const [headers, method, path, body] of attempts) {
      const res = await h.send(method as 'POST', path, headers, body);
      expect([400, 409], `${method} ${path} ${res.body}`).toContain(res.statusCode);
      expectProblem(res, res.statusCode);
    }
    expect(await h.snapshot()).toEqual(before);
  });

  it('lets a state footnote and object only for itself, the chair alone bracket, and hides a draft’s blockers', async () => {
    const { secretariat, doc, paragraph, ecuador, url } = await setting();
    const before = await h.snapshot();
    const bracket = {
      version: doc.version,
      alternatives: [
        { text: 'a', states: ['ec'] },
        { text: 'b', states: ['mx'] },
      ],
    };
    const cases: Array<[Record<string, string>, string, object, number]> = [
      [ecuador, `${url}/footnotes`, { state: 'mx', kind: 'reservation', lang: 'es', text: 'x' }, 403],
      [ecuador, `${url}/objections`, { state: 'mx', comment: 'x' }, 403],
      [secretariat, `${url}/footnotes`, { state: 'ec', kind: 'reservation', lang: 'es', text: 'x' }, 403],
      [ecuador, `${url}/nodes/${paragraph}/brackets`, bracket, 403],
      [ecuador, `${url}/nodes/${paragraph}/agreement`, { version: doc.version, agreement: 'agreed' }, 403],
      [
        await h.as('focal-point', 'co'),
        `${url}/footnotes`,
        { state: 'co', kind: 'reservation', lang: 'es', text: 'x' },
        404,
      ],
      [{}, `${url}/footnotes`, { state: 'ec', kind: 'reservation', lang: 'es', text: 'x' }, 401],
    ];
    for (const [headers, path, body, status] of cases) {
      expectProblem(await h.send('POST', path, headers, body), status);
    }
    expect(await h.snapshot()).toEqual(before);
    for (const headers of [{}, await h.as('partner'), await h.as('focal-point', 'co')]) {
      for (const path of [`${url}/blockers`, `${url}/paragraphs?status=open`]) {
        expectProblem(await h.send('GET', path, headers), 404);
      }
    }
  });
});
