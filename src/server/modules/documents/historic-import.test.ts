import fs from 'node:fs';
import { expect, it } from 'vitest';
import type { OutcomeDocument } from '../../../contract/outcome-documents.js';
import { loadReferenceData } from '../../reference-data/loader.js';
import { expectProblem } from '../../testing/api.js';
import { copyOfReferenceData, describeEachEngine, editJson } from '../../testing/harness.js';
import { textOfPdf } from '../../testing/pdf.js';
import { contentHash } from './adoption.js';
import { findDocument } from './queries.js';
import { NOT_DRAFTING, outcomeHelpers } from './testing.js';

/** The Commitment of MISPA I, as its text would be typed from the public source (shortened). */
const COMMITMENT =
  'Reconociendo que la seguridad pública es deber del Estado;\n\n1. Gestión de la seguridad pública.\n\n2. Prevención de la delincuencia.\n';

describeEachEngine('outcome documents: importing the text of a historic document', (ctx) => {
  const h = outcomeHelpers(ctx);
  const historic = async (slug: string) => {
    const secretariat = await h.as('secretariat-staff');
    const res = await h.send('GET', `/documents/${slug}`, secretariat);
    expect(res.statusCode, res.body).toBe(200);
    return { secretariat, doc: res.json() as OutcomeDocument };
  };
  const propose = (doc: OutcomeDocument, headers: Record<string, string>) =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/v1/documents/${doc.id}/import/proposal`,
      headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' },
      payload: COMMITMENT,
    });

  it('imports it once, frozen with the hash of adoption, shown to the public, kept by a reload of the reference data', async () => {
    const { secretariat, doc } = await historic('commitment-public-security-americas');
    expect(doc).toMatchObject({ status: 'adopted', textHeld: false, originalLang: null, contentHash: null });
    expect(doc.can).toMatchObject({ importText: true, editBody: false, update: false });
    expect((await h.send('GET', `/documents/${doc.id}`)).json().can.importText).toBe(false);

    const proposal = await propose(doc, secretariat);
    expect(proposal.statusCode, proposal.body).toBe(200);
    const nodes = (proposal.json() as { nodes: Array<{ kind: string; text: string }> }).nodes.map(({ kind, text }) => ({
      kind,
      text,
    }));
    expect(nodes.map((n) => n.kind)).toEqual(['preambular', 'operative', 'operative']);

    // The reference data does not record the original language: without it, nothing is written.
    const before = await h.snapshot();
    expectProblem(
      await h.send('POST', `/documents/${doc.id}/import`, secretariat, { version: doc.version, nodes }),
      400,
      'originalLang',
    );
    expect(await h.snapshot()).toEqual(before);

    const saved = await h.ok('POST', `/documents/${doc.id}/import`, secretariat, {
      version: doc.version,
      nodes,
      originalLang: 'es',
    });
    expect(saved).toMatchObject({ status: 'adopted', textHeld: true, originalLang: 'es', version: doc.version + 1 });
    expect(saved.can).toMatchObject({ importText: false, editBody: false });
    expect(saved.body.map((n) => n.texts.es?.text)).toEqual(nodes.map((n) => n.text));
    // The hash is adoption's, of the text as stored.
    const row = await findDocument(ctx.database.db, doc.id);
    expect(saved.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(saved.contentHash).toBe(await contentHash(ctx.database.db, row as NonNullable<typeof row>));
    expect(await h.auditActions(doc.id)).toContain('outcome-documents.import');
    const versions = await h.send('GET', `/documents/${doc.id}/versions`, secretariat);
    expect(versions.statusCode, versions.body).toBe(200);
    expect(versions.json().items.map((v: { action: string }) => v.action)).toEqual(['outcome-documents.import']);
    // The version recorded holds the text in the language given with it.
    const version = await ctx.database.db
      .selectFrom('document_version')
      .select('body')
      .where('document_id', '=', doc.id)
      .executeTakeFirstOrThrow();
    expect((JSON.parse(version.body) as Array<{ text: string }>).map((n) => n.text)).toEqual(nodes.map((n) => n.text));

    // Frozen: a second import, a proposal, a node or title edit are refused, writing nothing.
    const frozen = await h.snapshot();
    expectProblem(
      await h.send('POST', `/documents/${doc.id}/import`, secretariat, {
        version: saved.version,
        nodes,
        originalLang: 'es',
      }),
      409,
    );
    expectProblem(await propose(saved, secretariat), 409);
    expectProblem(
      await h.send('PATCH', `/documents/${doc.id}/nodes/${saved.body[1]?.id}`, secretariat, {
        version: saved.version,
        text: 'Otra gestión.',
      }),
      409,
    );
    expectProblem(
      await h.send('PATCH', `/documents/${doc.id}`, secretariat, { version: saved.version, titles: { es: 'Otro' } }),
      409,
    );
    expect(await h.snapshot()).toEqual(frozen);

    // The public reads the text, its hash and the exports of it.
    const read = (await h.send('GET', `/documents/${doc.slug}`)).json() as OutcomeDocument;
    expect(read).toMatchObject({ textHeld: true, textSource: null, contentHash: saved.contentHash, languages: ['es'] });
    expect(read.body.map((n) => n.texts.es?.text)).toEqual(nodes.map((n) => n.text));
    const akn = await h.send('GET', `/documents/${doc.id}/akoma-ntoso?lang=es`);
    expect(akn.statusCode, akn.body).toBe(200);
    expect(akn.body).toContain('Prevención de la delincuencia.');
    const pdf = await h.send('GET', `/documents/${doc.id}/pdf?lang=es`);
    expect(pdf.statusCode).toBe(200);
    expect(textOfPdf(pdf.rawPayload)).toContain('Prevención de la delincuencia.');

    // `npm start` reloads the reference data; a changed documents.json updates the row itself, and
    // leaves the imported text, its language, hash and version alone.
    const dir = copyOfReferenceData();
    try {
      editJson<{ slug: string; description: { en: { text: string } } }>(dir, 'documents.json', (rows) =>
        rows.map((r) =>
          r.slug === doc.slug
            ? { ...r, description: { ...r.description, en: { ...r.description.en, text: 'Changed.' } } }
            : r,
        ),
      );
      const load = await loadReferenceData(ctx.database.db, dir, () => new Date());
      expect(load.changed).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const reloaded = (await h.send('GET', `/documents/${doc.slug}`)).json() as OutcomeDocument;
    const description = await ctx.database.db
      .selectFrom('translation')
      .select('text')
      .where('entity_id', '=', doc.id)
      .where('field', '=', 'description')
      .where('lang', '=', 'en')
      .executeTakeFirstOrThrow();
    expect(description.text).toBe('Changed.');
    expect(reloaded).toMatchObject({
      textHeld: true,
      originalLang: 'es',
      contentHash: saved.contentHash,
      version: saved.version,
      body: read.body,
    });
  });

  it('is the drafting secretariat’s: the public and every other role are refused, writing nothing', async () => {
    const { doc } = await historic('recommendations-lima');
    const before = await h.snapshot();
    const body = { version: doc.version, nodes: [{ kind: 'operative', text: 'Cooperar' }], originalLang: 'en' };
    for (const [role, status] of NOT_DRAFTING) {
      const headers = role ? await h.as(role) : {};
      expectProblem(await propose(doc, headers), status);
      expectProblem(await h.send('POST', `/documents/${doc.id}/import`, headers, body), status);
    }
    expect(await h.snapshot()).toEqual(before);
    const saved = await h.ok('POST', `/documents/${doc.id}/import`, await h.as('secretariat-admin'), body);
    expect(saved).toMatchObject({
      textHeld: true,
      originalLang: 'en',
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });
});
