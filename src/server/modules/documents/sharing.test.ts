import fc from 'fast-check';
import { expect, it } from 'vitest';
import { expectProblem, nastyValues, pathSegment } from '../../testing/api.js';
import { buildPartner } from '../../testing/factories.js';
import { describeEachEngine } from '../../testing/harness.js';
import { callerOf } from '../../testing/sessions.js';
import { outcomeHelpers } from './testing.js';

describeEachEngine('outcome documents: sharing with strategic partners', (ctx) => {
  const h = outcomeHelpers(ctx);

  async function setting() {
    const { secretariat, doc } = await h.negotiated();
    const [first, second] = [await buildPartner(h.db()), await buildPartner(h.db(), { name: 'Other partner' })];
    return {
      secretariat,
      doc,
      first,
      second,
      ofFirst: await callerOf(ctx, 'partner', { partner: first.slug }),
      ofSecond: await callerOf(ctx, 'partner', { partner: second.slug }),
      url: `/documents/${doc.id}`,
    };
  }

  /** Every read of the document a partner might try: the detail, its negotiation and exports. */
  const readPaths = (url: string) => [
    url,
    `${url}/amendments`,
    `${url}/versions`,
    `${url}/blockers`,
    `${url}/paragraphs?status=unsettled`,
    `${url}/pdf`,
    `${url}/akoma-ntoso`,
  ];

  async function expectReads(headers: Record<string, string>, url: string, slug: string, status: 200 | 404) {
    for (const path of readPaths(url)) {
      const res = await h.send('GET', path, headers);
      expect(res.statusCode, `${path}: ${res.body.slice(0, 200)}`).toBe(status);
    }
    const listed = (await h.send('GET', '/documents?limit=100', headers))
      .json()
      .items.map((d: { slug: string }) => d.slug);
    expect(listed.includes(slug)).toBe(status === 200);
    const library = (await h.send('GET', '/library?limit=100', headers))
      .json()
      .items.map((d: { slug?: string }) => d.slug);
    expect(library.includes(slug)).toBe(status === 200);
  }

  const shares = () => h.db().selectFrom('document_share').selectAll().orderBy('partner_id').execute();

  it('lets a partner read a text only while the secretariat shares it with that partner; the public never', async () => {
    const { secretariat, doc, first, second, ofFirst, ofSecond, url } = await setting();
    await expectReads(ofFirst, url, doc.slug, 404);

    const shared = await h.send('PUT', `${url}/shares/${first.slug}`, secretariat);
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json().items.map((s: { partner: { slug: string } }) => s.partner.slug)).toEqual([first.slug]);
    // Sharing again changes nothing and is not audited twice.
    expect((await h.send('PUT', `${url}/shares/${first.slug}`, secretariat)).statusCode).toBe(200);
    expect((await h.auditActions(doc.id)).filter((a) => a === 'outcome-documents.share')).toHaveLength(1);

    await expectReads(ofFirst, url, doc.slug, 200);
    await expectReads(ofSecond, url, doc.slug, 404);
    await expectReads({}, url, doc.slug, 404);
    const sitemap = await ctx.app.inject({ method: 'GET', url: '/sitemap.xml' });
    expect(sitemap.body).not.toContain(doc.slug);
    // Reading is all a partner does: no amendment, no footnote, no sharing.
    expectProblem(
      await h.send('POST', `${url}/amendments`, ofFirst, {
        version: doc.version,
        state: 'ec',
        kind: 'delete',
        nodeId: doc.body[0]?.id,
        rationale: 'No',
      }),
      403,
    );
    expectProblem(await h.send('PUT', `${url}/shares/${second.slug}`, ofFirst), 403);

    const listed = (await h.send('GET', `${url}/shares`, secretariat)).json();
    expect(listed.items).toEqual([
      {
        partner: { slug: first.slug, name: expect.objectContaining({ text: 'Partner organisation' }) },
        sharedAt: expect.any(String),
      },
    ]);
    const unshared = await h.send('DELETE', `${url}/shares/${first.slug}`, secretariat);
    expect(unshared.statusCode, unshared.body).toBe(200);
    expect(unshared.json().items).toEqual([]);
    await expectReads(ofFirst, url, doc.slug, 404);
    expect(await h.auditActions(doc.id)).toContain('outcome-documents.unshare');
  });

  it('lets the secretariat alone share, and refuses the public, a state, a partner and what is public already', async () => {
    const { secretariat, doc, first, ofFirst, url } = await setting();
    const before = { shares: await shares(), audit: await h.snapshot() };
    for (const [headers, status] of [
      [{}, 401],
      [await h.as('focal-point', 'ec'), 403],
      [await h.as('delegate', 'ec'), 403],
      [ofFirst, 403],
    ] as const) {
      for (const method of ['PUT', 'DELETE'] as const)
        expectProblem(await h.send(method, `${url}/shares/${first.slug}`, headers), status);
      expectProblem(await h.send('GET', `${url}/shares`, headers), status);
    }
    // An adopted or historic text is public: nothing to share.
    const historic = await h.historic();
    expectProblem(await h.send('PUT', `/documents/${historic.slug}/shares/${first.slug}`, secretariat), 409);
    // A partner that does not exist is named in the 400.
    const unknown = await h.send('PUT', `${url}/shares/no-such-partner`, secretariat);
    expectProblem(unknown, 400);
    expect(unknown.json().errors[0].name).toBe('partner');
    expect({ shares: await shares(), audit: await h.snapshot() }).toEqual(before);
    expect(doc.status).toBe('under-negotiation');
  });

  it('refuses malformed partners and documents with a 4xx and writes nothing', { timeout: 180_000 }, async () => {
    const { secretariat, url } = await setting();
    const before = { shares: await shares(), audit: await h.snapshot() };
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('PUT', 'DELETE', 'GET') as fc.Arbitrary<'PUT' | 'DELETE' | 'GET'>,
        fc.oneof(pathSegment({ maxLength: 80 }), fc.constantFrom(...nastyValues('document_share', 'UN', 'a', '-x-'))),
        fc.boolean(),
        async (method, value, asDocument) => {
          const path = asDocument
            ? `/documents/${encodeURIComponent(value)}/shares${method === 'GET' ? '' : '/no-such-partner'}`
            : `${url}/shares/${encodeURIComponent(value)}`;
          const res = await h.send(method, path, secretariat);
          sent += 1;
          if (method === 'GET' && !asDocument) expect([200, 400, 404]).toContain(res.statusCode);
          else expect([400, 404], `${method} ${path}: ${res.body.slice(0, 200)}`).toContain(res.statusCode);
        },
      ),
      { numRuns: 300 },
    );
    expect(sent).toBe(300);
    expect({ shares: await shares(), audit: await h.snapshot() }).toEqual(before);
  });
});
