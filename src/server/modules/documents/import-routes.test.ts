import { expect, it } from 'vitest';
import { DOCUMENT_IMPORT_TYPES, type OutcomeDocument } from '../../../contract/outcome-documents.js';
import { declaredHugeZipBytes, MZ_BYTES, ooxmlBytes, zipBombBytes, zipBytes } from '../../files/testing.js';
import { expectProblem } from '../../testing/api.js';
import { describeEachEngine } from '../../testing/harness.js';
import { docxBytes, NOT_DRAFTING, outcomeHelpers } from './testing.js';

/** A Spanish draft as a secretariat writes one: title, preamble, numbered operative part. */
const DRAFT = docxBytes([
  { text: 'Declaración de Santo Domingo', style: 'Title' },
  { text: 'Reconociendo que la seguridad pública es deber del Estado;' },
  { text: 'Teniendo presente la Carta de la Organización;' },
  { text: 'Parte dispositiva', style: 'Heading1' },
  { text: 'Fortalecer la cooperación policial.', listed: true },
  { text: 'Intercambiar información.', listed: true },
]);

describeEachEngine('outcome documents: starting the text from a file', (ctx) => {
  const h = outcomeHelpers(ctx);
  const emptyDraft = async () => {
    const secretariat = await h.as('secretariat-staff');
    return { secretariat, doc: await h.draft(secretariat, (await h.meeting()).slug) };
  };
  const propose = (doc: OutcomeDocument, headers: Record<string, string>, bytes: Buffer | string, type: string) =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/v1/documents/${doc.id}/import/proposal`,
      headers: { ...headers, 'content-type': type },
      payload: bytes,
    });

  it('proposes the body of a DOCX, classed and numbered, writing nothing', async () => {
    const { secretariat, doc } = await emptyDraft();
    const before = await h.snapshot();
    const res = await propose(doc, secretariat, DRAFT, DOCUMENT_IMPORT_TYPES.docx);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().nodes).toEqual([
      { kind: 'section', text: 'Declaración de Santo Domingo', number: null },
      { kind: 'preambular', text: 'Reconociendo que la seguridad pública es deber del Estado;', number: 1 },
      { kind: 'preambular', text: 'Teniendo presente la Carta de la Organización;', number: 2 },
      { kind: 'section', text: 'Parte dispositiva', number: null },
      { kind: 'operative', text: 'Fortalecer la cooperación policial.', number: 1 },
      { kind: 'operative', text: 'Intercambiar información.', number: 2 },
    ]);
    expect(await h.snapshot()).toEqual(before);
  });

  it('proposes the body of a plain text (English), its typed numbers dropped', async () => {
    const { secretariat, doc } = await emptyDraft();
    const text =
      'Recognizing the work of the OAS;\n\n1. Adopt the Work Plan.\n\n2. Encourage member states to report.\n';
    const res = await propose(doc, secretariat, text, 'text/plain; charset=utf-8');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().nodes.map((n: { kind: string; text: string }) => [n.kind, n.text])).toEqual([
      ['preambular', 'Recognizing the work of the OAS;'],
      ['operative', 'Adopt the Work Plan.'],
      ['operative', 'Encourage member states to report.'],
    ]);
  });

  it('saves the corrected body in one write: sections holding their paragraphs, numbered, audited, versioned', async () => {
    const { secretariat, doc } = await emptyDraft();
    const proposal = (await propose(doc, secretariat, DRAFT, DOCUMENT_IMPORT_TYPES.docx)).json() as {
      nodes: Array<{ kind: string; text: string }>;
    };
    // The secretariat corrects one paragraph's kind before saving.
    const nodes = proposal.nodes.map(({ kind, text }, i) => ({ kind: i === 2 ? 'operative' : kind, text }));
    const saved = await h.ok('POST', `/documents/${doc.id}/import`, secretariat, { version: doc.version, nodes });
    expect(saved.version).toBe(doc.version + 1);
    expect(saved.body.map((n) => [n.kind, n.depth, n.number, n.texts.es?.text])).toEqual([
      ['section', 0, null, 'Declaración de Santo Domingo'],
      ['preambular', 1, 1, 'Reconociendo que la seguridad pública es deber del Estado;'],
      ['operative', 1, 1, 'Teniendo presente la Carta de la Organización;'],
      ['section', 0, null, 'Parte dispositiva'],
      ['operative', 1, 2, 'Fortalecer la cooperación policial.'],
      ['operative', 1, 3, 'Intercambiar información.'],
    ]);
    expect(await h.auditActions(doc.id)).toContain('outcome-documents.import');
    const versions = await h.send('GET', `/documents/${doc.id}/versions`, secretariat);
    expect(versions.statusCode, versions.body).toBe(200);
    expect(JSON.stringify(versions.json())).toContain('outcome-documents.import');
    // A text is started once: a second import, or a proposal, meets the 409 and writes nothing.
    const before = await h.snapshot();
    expectProblem(
      await h.send('POST', `/documents/${doc.id}/import`, secretariat, { version: saved.version, nodes }),
      409,
    );
    expectProblem(await propose(saved, secretariat, DRAFT, DOCUMENT_IMPORT_TYPES.docx), 409);
    expect(await h.snapshot()).toEqual(before);
  });

  it('refuses a stale version with the 409 carrying the document, writing nothing', async () => {
    const { secretariat, doc } = await emptyDraft();
    await h.ok('PATCH', `/documents/${doc.id}`, secretariat, {
      version: doc.version,
      titles: { es: 'Otra', en: 'Other' },
    });
    const before = await h.snapshot();
    const res = await h.send('POST', `/documents/${doc.id}/import`, secretariat, {
      version: doc.version,
      nodes: [{ kind: 'operative', text: 'Cooperar' }],
    });
    expectProblem(res, 409);
    expect(await h.snapshot()).toEqual(before);
  });

  it('refuses bad files with a clear problem, writing nothing: not a DOCX, no document inside, a zip bomb, too large, a program, not UTF-8, no text', async () => {
    const { secretariat, doc } = await emptyDraft();
    const before = await h.snapshot();
    const docx = DOCUMENT_IMPORT_TYPES.docx;
    const refused: Array<[Buffer | string, string, number, string?]> = [
      [Buffer.from('this is no zip archive'), docx, 415],
      [ooxmlBytes('xlsx'), docx, 415],
      [MZ_BYTES, docx, 415],
      // A zip that is a DOCX by its parts, without the document mammoth reads.
      [
        zipBytes([
          { name: '[Content_Types].xml', data: '<Types/>' },
          { name: 'word/styles.xml', data: '<w:styles/>' },
        ]),
        docx,
        400,
        'body',
      ],
      [zipBombBytes(), docx, 422],
      [declaredHugeZipBytes(), docx, 422],
      [Buffer.alloc(11 * 1024 * 1024, 0x41), docx, 413],
      [Buffer.from([0x52, 0xe9, 0x73, 0x75, 0x6d, 0xe9]), 'text/plain', 400, 'body'],
      ['\n  \n\n', 'text/plain', 400, 'body'],
      ['', 'text/plain', 400, 'body'],
      ['Recognizing', 'application/pdf', 415],
    ];
    for (const [bytes, type, status, field] of refused) {
      const res = await propose(doc, secretariat, bytes, type);
      expectProblem(res, status, field);
    }
    // Localised: the reader's language names the reason.
    const spanish = await propose(doc, { ...secretariat, 'accept-language': 'es' }, Buffer.from([0xe9]), 'text/plain');
    expectProblem(spanish, 400, 'body');
    expect(spanish.body).toContain('UTF-8');
    expect(spanish.body).toContain('guarde');
    expect(await h.snapshot()).toEqual(before);
  });

  it('is the drafting secretariat’s: the public and every other role are refused both, writing nothing', async () => {
    const { doc } = await emptyDraft();
    const before = await h.snapshot();
    const body = { version: doc.version, nodes: [{ kind: 'operative', text: 'Cooperar' }] };
    for (const [role, status] of NOT_DRAFTING) {
      const headers = role ? await h.as(role) : {};
      expectProblem(await propose(doc, headers, DRAFT, DOCUMENT_IMPORT_TYPES.docx), status);
      expectProblem(await h.send('POST', `/documents/${doc.id}/import`, headers, body), status);
    }
    expect(await h.snapshot()).toEqual(before);
    // The secretariat's admin drafts too.
    await h.ok('POST', `/documents/${doc.id}/import`, await h.as('secretariat-admin'), body);
  });
});
