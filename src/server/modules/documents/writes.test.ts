import { expect, it } from 'vitest';
import type { OutcomeDocument } from '../../../contract/outcome-documents.js';
import { expectProblem } from '../../testing/api.js';
import { describeEachEngine } from '../../testing/harness.js';
import { verifyChain } from '../audit/chain.js';
import { outcomeHelpers } from './testing.js';

/** The numbered paragraphs of a body, as "kind number: text in lang". */
const numbered = (doc: OutcomeDocument, lang = 'es') =>
  doc.body.map((n) => `${n.kind}${n.number === null ? '' : ` ${n.number}`}: ${n.texts[lang as 'es']?.text ?? '—'}`);

describeEachEngine('outcome documents: drafting', (ctx) => {
  const h = outcomeHelpers(ctx);

  it('starts a draft for a meeting, with its titles, no symbol yet, and an audit entry', async () => {
    const secretariat = await h.as('secretariat-staff');
    const meeting = await h.meeting();
    const doc = await h.draft(secretariat, meeting.slug);
    expect(doc).toMatchObject({
      type: 'declaration',
      status: 'draft',
      symbol: null,
      historic: false,
      textHeld: true,
      textSource: null,
      originalLang: 'es',
      languages: ['es'],
      version: 1,
      title: { text: 'Test declaration', lang: 'en', official: true },
      meeting: { slug: meeting.slug },
      body: [],
      transitions: ['under-negotiation', 'withdrawn'],
      can: { update: true, editBody: true, changeStatus: true, importText: true },
    });
    expect(await h.auditActions(doc.id)).toEqual(['outcome-documents.create']);
    expect(await verifyChain(h.db())).toMatchObject({ ok: true });
  });

  it('numbers preambular and operative paragraphs apart and renumbers on insert, move and delete, keeping ids', async () => {
    const secretariat = await h.as('secretariat-admin');
    const { slug } = await h.meeting();
    let doc = await h.draft(secretariat, slug);
    doc = await h.addNode(secretariat, doc, { kind: 'preambular', text: 'Recordando' });
    doc = await h.addNode(secretariat, doc, { kind: 'section', text: 'Recomendaciones' });
    const section = doc.body[1]?.id as string;
    doc = await h.addNode(secretariat, doc, { kind: 'operative', parentId: section, text: 'Fortalecer' });
    doc = await h.addNode(secretariat, doc, {
      kind: 'operative',
      parentId: section,
      index: 0,
      text: 'Cooperar',
      mark: 'recommendation',
      pillars: ['international-cooperation', 'prevention'],
    });
    doc = await h.addNode(secretariat, doc, { kind: 'preambular', index: 1, text: 'Considerando' });
    expect(numbered(doc)).toEqual([
      'preambular 1: Recordando',
      'preambular 2: Considerando',
      'section: Recomendaciones',
      'operative 1: Cooperar',
      'operative 2: Fortalecer',
    ]);
    const cooperate = doc.body[3];
    expect(cooperate).toMatchObject({ mark: 'recommendation', parentId: section, depth: 1 });
    expect(cooperate?.pillars.map((p) => p.code)).toEqual(['prevention', 'international-cooperation']);
    const strengthen = doc.body[4]?.id as string;
    doc = await h.ok('POST', `/documents/${doc.id}/nodes/${strengthen}/move`, secretariat, {
      version: doc.version,
      parentId: section,
      index: 0,
    });
    expect(numbered(doc).slice(3)).toEqual(['operative 1: Fortalecer', 'operative 2: Cooperar']);
    expect(doc.body[3]?.id).toBe(strengthen);
    doc = await h.ok('DELETE', `/documents/${doc.id}/nodes/${doc.body[0]?.id}`, secretariat, { version: doc.version });
    expect(numbered(doc)).toEqual([
      'preambular 1: Considerando',
      'section: Recomendaciones',
      'operative 1: Fortalecer',
      'operative 2: Cooperar',
    ]);
    // A section goes with what it holds.
    doc = await h.ok('DELETE', `/documents/${doc.id}/nodes/${section}`, secretariat, { version: doc.version });
    expect(numbered(doc)).toEqual(['preambular 1: Considerando']);
    expect(
      await h.db().selectFrom('document_node').select('id').where('document_id', '=', doc.id).execute(),
    ).toHaveLength(1);
    expect(doc.version).toBe(9);
    expect(await h.auditActions(doc.id)).toEqual([
      'outcome-documents.create',
      ...Array(5).fill('outcome-documents.node-add'),
      'outcome-documents.node-move',
      'outcome-documents.node-delete',
      'outcome-documents.node-delete',
    ]);
  });

  it('says what is left to translate per language, and sends translations back to pending when the original changes', async () => {
    const secretariat = await h.as('secretariat-staff');
    const { slug } = await h.meeting();
    let doc = await h.draft(secretariat, slug);
    doc = await h.addNode(secretariat, doc, { kind: 'operative', text: 'Fortalecer la cooperación' });
    const id = doc.body[0]?.id as string;
    expect(doc.leftToTranslate).toEqual({ en: [id], fr: [id], pt: [id] });
    for (const [lang, text] of [
      ['en', 'Strengthen cooperation'],
      ['fr', 'Renforcer la coopération'],
    ] as const) {
      doc = await h.ok('PUT', `/documents/${doc.id}/nodes/${id}/texts/${lang}`, secretariat, {
        version: doc.version,
        text,
        state: 'done',
      });
    }
    doc = await h.ok('PUT', `/documents/${doc.id}/nodes/${id}/texts/pt`, secretariat, {
      version: doc.version,
      text: 'Fortalecer a cooperação',
      state: 'pending',
    });
    expect(doc.leftToTranslate).toEqual({ en: [], fr: [], pt: [id] });
    expect(doc.languages).toEqual(['en', 'es', 'fr']);
    const filtered = await h.send('GET', `/documents?meeting=${slug}&language=fr`, secretariat);
    expect(filtered.json().items.map((d: { id: string }) => d.id)).toEqual([doc.id]);
    const none = await h.send('GET', `/documents?meeting=${slug}&language=pt`, secretariat);
    expect(none.json().items).toEqual([]);
    doc = await h.ok('PATCH', `/documents/${doc.id}/nodes/${id}`, secretariat, {
      version: doc.version,
      text: 'Fortalecer la cooperación regional',
    });
    expect(doc.leftToTranslate).toEqual({ en: [id], fr: [id], pt: [id] });
    expect(doc.body[0]?.texts.en).toEqual({ text: 'Strengthen cooperation', state: 'pending' });
    // The original language is the source: it is changed through the paragraph.
    expectProblem(
      await h.send('PUT', `/documents/${doc.id}/nodes/${id}/texts/es`, secretariat, {
        version: doc.version,
        text: 'Otro',
        state: 'done',
      }),
      400,
      'lang',
    );
  });

  it('gives the symbol in the meeting’s doc series when negotiation opens, and follows the lifecycle only', async () => {
    const secretariat = await h.as('secretariat-staff');
    const meeting = await h.meeting();
    await h
      .db()
      .updateTable('meeting')
      .set({ ordinal: 9, number: 'IX', starts_at: '2026-10-01T14:00:00.000Z' })
      .where('id', '=', meeting.id)
      .execute();
    let doc = await h.draft(secretariat, meeting.slug);
    const refused = expectProblem(
      await h.send('POST', `/documents/${doc.id}/status`, secretariat, { version: 1, status: 'adopted' }),
      400,
      'status',
    );
    expect(refused.errors?.[0]?.reason).toContain('under-negotiation, withdrawn');
    doc = await h.ok('POST', `/documents/${doc.id}/status`, secretariat, { version: 1, status: 'under-negotiation' });
    expect(doc).toMatchObject({ status: 'under-negotiation', symbol: 'OEA/Ser.K/XLIX.9 MISPA IX/doc.1/26' });
    const second = await h.draft(secretariat, meeting.slug);
    const negotiated = await h.ok('POST', `/documents/${second.id}/status`, secretariat, {
      version: 1,
      status: 'under-negotiation',
    });
    expect(negotiated.symbol).toBe('OEA/Ser.K/XLIX.9 MISPA IX/doc.2/26');
    // A working document the meeting adds next takes the following number of the same series.
    const working = await h.send('POST', `/meetings/${meeting.slug}/documents`, secretariat, {
      category: 'working',
      titles: { es: 'Nota de la Secretaría' },
      originalLang: 'es',
      visibility: 'public',
    });
    expect(working.statusCode, working.body).toBe(201);
    expect(working.json().symbol).toBe('OEA/Ser.K/XLIX.9 MISPA IX/doc.3/26');
    doc = await h.ok('POST', `/documents/${doc.id}/status`, secretariat, {
      version: doc.version,
      status: 'agreed-ad-referendum',
    });
    // Agreed text no longer changes.
    const frozen = await h.send('POST', `/documents/${doc.id}/nodes`, secretariat, {
      version: doc.version,
      kind: 'operative',
      text: 'Tarde',
    });
    expect(expectProblem(frozen, 409).title).toBe('Text not editable');
    doc = await h.ok('POST', `/documents/${doc.id}/status`, secretariat, { version: doc.version, status: 'adopted' });
    expect(doc).toMatchObject({ status: 'adopted', transitions: [], can: { update: false, editBody: false } });
    expect(doc.adoptedOn).toMatch(/^\d{4}-\d\d-\d\d$/);
  });

  it('answers a stale version with 409 carrying the current document, and writes nothing', async () => {
    const secretariat = await h.as('secretariat-staff');
    const { slug } = await h.meeting();
    const doc = await h.draft(secretariat, slug);
    const current = await h.addNode(secretariat, doc, { kind: 'operative', text: 'Primero' });
    const before = await h.snapshot();
    const res = await h.send('POST', `/documents/${doc.id}/nodes`, secretariat, {
      version: doc.version,
      kind: 'operative',
      text: 'Sobre una versión vieja',
    });
    const problem = expectProblem(res, 409) as { currentVersion?: number; current?: OutcomeDocument };
    expect(problem.currentVersion).toBe(2);
    expect(problem.current?.body.map((n) => n.id)).toEqual(current.body.map((n) => n.id));
    expect(await h.snapshot()).toEqual(before);
  });

  it('refuses to edit a historic document of the reference data with 409, writing nothing', async () => {
    const secretariat = await h.as('secretariat-admin');
    const before = await h.snapshot();
    const res = await h.send('PATCH', '/documents/recommendations-lima', secretariat, {
      version: 1,
      type: 'declaration',
    });
    expect(expectProblem(res, 409).title).toBe('Reference document');
    expect(await h.snapshot()).toEqual(before);
  });

  it('links a document to an earlier one, shown on both sides, and refuses a link to itself', async () => {
    const secretariat = await h.as('secretariat-staff');
    const { slug } = await h.meeting();
    let doc = await h.draft(secretariat, slug);
    doc = await h.ok(
      'POST',
      `/documents/${doc.id}/links`,
      secretariat,
      { version: doc.version, relation: 'implements', document: 'recommendations-quito' },
      201,
    );
    expect(doc.links.outgoing).toEqual([
      expect.objectContaining({
        relation: 'implements',
        source: null,
        document: expect.objectContaining({ slug: 'recommendations-quito' }),
      }),
    ]);
    const quito = (await h.send('GET', '/documents/recommendations-quito', secretariat)).json() as OutcomeDocument;
    expect(quito.links.incoming.map((l) => l.document.id)).toEqual([doc.id]);
    // The public does not learn of the draft through the link either.
    const publicQuito = (await h.send('GET', '/documents/recommendations-quito')).json() as OutcomeDocument;
    expect(publicQuito.links.incoming).toEqual([]);
    expectProblem(
      await h.send('POST', `/documents/${doc.id}/links`, secretariat, {
        version: doc.version,
        relation: 'reaffirms',
        document: doc.slug,
      }),
      400,
      'document',
    );
    doc = await h.ok('DELETE', `/documents/${doc.id}/links/${doc.links.outgoing[0]?.id}`, secretariat, {
      version: doc.version,
    });
    expect(doc.links.outgoing).toEqual([]);
  });
});

describeEachEngine('outcome documents: who sees and who drafts', (ctx) => {
  const h = outcomeHelpers(ctx);

  const negotiated = () => h.negotiated();

  it('answers a document not adopted with 404 to the public, a partner and a state without a delegation there, through every read', async () => {
    const { meeting, doc } = await negotiated();
    const readers = {
      public: {},
      partner: await h.as('partner'),
      otherState: await h.as('focal-point', 'mx'),
      otherDelegate: await h.as('delegate', 'mx'),
    };
    for (const [who, headers] of Object.entries(readers)) {
      for (const key of [doc.id, doc.slug]) {
        const res = await h.send('GET', `/documents/${key}`, headers);
        expect(res.statusCode, `${who} ${key}`).toBe(404);
        expectProblem(res, 404);
      }
      for (const query of [
        `meeting=${meeting.slug}`,
        'type=declaration',
        'pillar=prevention',
        `year=${doc.meeting.year}`,
        'language=es',
        '',
      ]) {
        const items = (await h.send('GET', `/documents?${query}`, headers)).json().items as Array<{ id: string }>;
        expect(
          items.map((d) => d.id),
          `${who} ${query}`,
        ).not.toContain(doc.id);
      }
    }
  });

  it('shows it to the secretariat and to the focal point and delegates of a state with a delegation at its meeting', async () => {
    const { secretariat, meeting, doc } = await negotiated();
    for (const headers of [secretariat, await h.as('focal-point', 'ec'), await h.as('delegate', 'ec')]) {
      const res = await h.send('GET', `/documents/${doc.slug}`, headers);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().body.map((n: { id: string }) => n.id)).toEqual(doc.body.map((n) => n.id));
      const items = (await h.send('GET', `/documents?meeting=${meeting.slug}&pillar=prevention`, headers)).json().items;
      expect(items.map((d: { id: string }) => d.id)).toEqual([doc.id]);
    }
    // A state reads it, but may not draft: its `can` says so and the write is refused.
    const state = (await h.send('GET', `/documents/${doc.id}`, await h.as('focal-point', 'ec'))).json();
    expect(state.can).toEqual({ update: false, editBody: false, changeStatus: false, importText: false });
    expect(state.transitions).toEqual([]);
  });

  it('lets only the secretariat draft: others are refused 401/403 and nothing is written', async () => {
    const { meeting, doc } = await negotiated();
    const before = await h.snapshot();
    const attempts = [
      ['POST', '/documents', { meeting: meeting.slug, type: 'declaration', titles: { en: 'X' }, originalLang: 'en' }],
      ['PATCH', `/documents/${doc.id}`, { version: doc.version, type: 'work-plan' }],
      ['POST', `/documents/${doc.id}/status`, { version: doc.version, status: 'withdrawn' }],
      ['POST', `/documents/${doc.id}/nodes`, { version: doc.version, kind: 'operative', text: 'Nuevo' }],
      [
        'PUT',
        `/documents/${doc.id}/nodes/${doc.body[0]?.id}/texts/en`,
        { version: doc.version, text: 'x', state: 'done' },
      ],
      ['DELETE', `/documents/${doc.id}/nodes/${doc.body[0]?.id}`, { version: doc.version }],
    ] as const;
    const callers: Array<[Record<string, string>, number]> = [
      [{}, 401],
      [await h.as('focal-point', 'ec'), 403],
      [await h.as('delegate', 'ec'), 403],
      [await h.as('partner'), 403],
    ];
    for (const [headers, status] of callers) {
      for (const [method, url, body] of attempts) {
        expectProblem(await h.send(method, url, headers, body), status);
      }
    }
    expect(await h.snapshot()).toEqual(before);
  });

  it('publishes an adopted document to the public', async () => {
    const { secretariat, doc } = await negotiated();
    let current = await h.ok('POST', `/documents/${doc.id}/status`, secretariat, {
      version: doc.version,
      status: 'agreed-ad-referendum',
    });
    current = await h.ok('POST', `/documents/${doc.id}/status`, secretariat, {
      version: current.version,
      status: 'adopted',
    });
    const res = await h.send('GET', `/documents/${doc.slug}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'adopted', textHeld: true, can: { update: false } });
    const items = (await h.send('GET', '/documents?type=declaration')).json().items;
    expect(items.map((d: { id: string }) => d.id)).toContain(doc.id);
  });
});
