import path from 'node:path';
import { expect, it } from 'vitest';
import type { OutcomeDocument } from '../../../contract/outcome-documents.js';
import type { Document } from '../../../contract/reference.js';
import { expectProblem } from '../../testing/api.js';
import { describeEachEngine, repoRoot } from '../../testing/harness.js';
import { textOfPdf } from '../../testing/pdf.js';
import { schemaCheckRuns, schemaCheckTitle, validateXml } from '../../testing/xmllint.js';
import { outcomeHelpers } from './testing.js';

const SCHEMA = path.join(repoRoot, 'test/schemas/akoma-ntoso/akomantoso30.xsd');

const PARAGRAPHS = [
  { kind: 'preambular', text: 'Reconociendo la cooperación hemisférica en seguridad pública' },
  { kind: 'section', text: 'Compromisos' },
  { kind: 'operative', text: 'Fortalecer la coordinación técnica', mark: 'recommendation', pillars: ['prevention'] },
  { kind: 'operative', text: 'Promover la participación ciudadana' },
];
const ENGLISH = [
  'Recognising hemispheric cooperation in public security',
  'Commitments',
  'Strengthen technical coordination',
  'Promote citizen participation',
];

describeEachEngine('outcome documents: Akoma Ntoso and PDF exports', (ctx) => {
  const h = outcomeHelpers(ctx);

  /** A document under negotiation, its section holding the operative paragraphs, translated into
   * English, with a reservation of Ecuador's on a paragraph and Mexico's statement on the whole text. */
  async function negotiatedText() {
    const { secretariat, doc: start } = await h.negotiated({ states: ['ec', 'mx'], paragraphs: PARAGRAPHS });
    const url = `/documents/${start.id}`;
    const [, section, first, second] = start.body.map((n) => n.id) as string[];
    let doc = start;
    for (const [index, id] of [first, second].entries())
      doc = await h.ok('POST', `${url}/nodes/${id}/move`, secretariat, {
        version: doc.version,
        parentId: section,
        index,
      });
    for (const [i, node] of doc.body.entries()) {
      const english = ENGLISH[PARAGRAPHS.findIndex((p) => p.text === node.texts.es?.text)] as string;
      doc = await h.ok('PUT', `${url}/nodes/${node.id}/texts/en`, secretariat, {
        version: doc.version,
        text: english,
        state: 'done',
      });
      expect(doc.body[i]?.texts.en?.text).toBe(english);
    }
    const paragraph = doc.body.find((n) => n.texts.es?.text === PARAGRAPHS[2]?.text)?.id as string;
    const footnotes = [
      ['focal-point', 'ec', 'reservation', paragraph, 'Ecuador se reserva este párrafo.'],
      ['delegate', 'mx', 'interpretative-statement', null, 'México entiende…'],
    ] as const;
    for (const [role, state, kind, nodeId, text] of footnotes)
      await h.ok('POST', `${url}/footnotes`, await h.as(role, state), { state, kind, nodeId, lang: 'es', text }, 201);
    return { secretariat, url, doc: (await h.send('GET', url, secretariat)).json() as OutcomeDocument };
  }

  async function adoptedText() {
    const { secretariat, url, doc } = await negotiatedText();
    let current = await h.ok('POST', `${url}/status`, secretariat, {
      version: doc.version,
      status: 'agreed-ad-referendum',
    });
    current = await h.ok('POST', `${url}/status`, secretariat, { version: current.version, status: 'adopted' });
    return { secretariat, url, doc: current };
  }

  const akn = (url: string, headers = {}, query = '') => h.send('GET', `${url}/akoma-ntoso${query}`, headers);

  it(
    schemaCheckTitle(
      'Akoma Ntoso',
      'exports an adopted document as Akoma Ntoso that the OASIS schema validates, in each of its languages',
    ),
    async (test) => {
      if (!schemaCheckRuns) return test.skip();
      const { url, doc } = await adoptedText();
      const original = await akn(url);
      expect(original.statusCode, original.body).toBe(200);
      expect(original.headers['content-type']).toMatch(/^application\/akn\+xml/);
      const verdict = validateXml(original.body, SCHEMA);
      expect(verdict.status, verdict.output).toBe(0);
      // The original (Spanish) expression: FRBR identification, title, preamble, sections, footnotes.
      const xml = original.body;
      expect(xml).toContain(`<FRBRalias name="symbol" value="${doc.symbol}"/>`);
      expect(xml).toContain(`<FRBRdate date="${doc.adoptedOn}" name="adoption"/>`);
      expect(xml).toContain('<FRBRlanguage language="spa"/>');
      expect(xml).toContain('<FRBRauthoritative value="true"/>');
      expect(xml).toContain('<docTitle>Declaración de prueba</docTitle>');
      expect(xml).toMatch(/<preamble><recitals><recital eId="pp_1"[^>]*><num>PP1<\/num><p>Reconociendo la cooperación/);
      expect(xml).toMatch(/<mainBody><section eId="sec_1"[^>]*><heading>Compromisos<\/heading><paragraph eId="para_1"/);
      expect(xml).toContain('<num>PO2</num><content><p>Promover la participación ciudadana</p>');
      expect(xml).toContain('class="operative recommendation"');
      expect(xml).toMatch(/Fortalecer la coordinación técnica<authorialNote eId="fnt_2" marker="2"/);
      expect(xml).toMatch(
        /<\/docTitle><authorialNote eId="fnt_1" marker="1"[^>]*><p xml:lang="es">Declaración interpretativa de México: México entiende…/,
      );

      const english = await akn(url, {}, '?lang=en');
      expect(english.statusCode, english.body).toBe(200);
      expect(validateXml(english.body, SCHEMA).status).toBe(0);
      expect(english.body).toContain('<FRBRlanguage language="eng"/>');
      expect(english.body).toContain('<FRBRauthoritative value="false"/>');
      expect(english.body).toContain('<docTitle>Test declaration</docTitle>');
      expect(english.body).toContain('<num>OP2</num><content><p>Promote citizen participation</p>');

      // The check is real: an expression without its language fails it.
      const broken = validateXml(xml.replace('<FRBRlanguage language="spa"/>', ''), SCHEMA);
      expect(broken.status).not.toBe(0);
    },
  );

  it('exports an adopted document as a PDF with its title page, numbered paragraphs and footnotes, accents and all', async () => {
    const { url, doc } = await adoptedText();
    const res = await h.send('GET', `${url}/pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${doc.slug}-es.pdf"`);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = textOfPdf(res.rawPayload);
    for (const expected of [
      'Declaración de prueba',
      `Signatura: ${doc.symbol}`,
      `Aprobado el: ${doc.adoptedOn}`,
      doc.contentHash as string,
      'PP1',
      'Reconociendo la cooperación hemisférica en seguridad pública',
      'Compromisos',
      'PO1',
      'Fortalecer la coordinación técnica [2]',
      'Notas al pie',
      '[1] Declaración interpretativa de México: México entiende…',
      '[2] Reserva de Ecuador: Ecuador se reserva este párrafo.',
    ])
      expect(text).toContain(expected);

    const english = textOfPdf((await h.send('GET', `${url}/pdf?lang=en`)).rawPayload);
    expect(english).toContain('Test declaration');
    expect(english).toContain('OP2');
    expect(english).toContain('Promote citizen participation');
    expect(english).toContain('[2] Reservation of Ecuador: Ecuador se reserva este párrafo.');
  });

  it('refuses a language the whole text is not in, naming lang; 404 for a document no one has', async () => {
    const { url } = await adoptedText();
    for (const format of ['akoma-ntoso', 'pdf']) {
      const partial = await h.send('GET', `${url}/${format}?lang=fr`);
      expectProblem(partial, 400);
      expect(partial.body).toContain('lang');
      expectProblem(await h.send('GET', `${url}/${format}?lang=xx`), 400);
      expectProblem(await h.send('GET', `/documents/no-such-document/${format}`), 404);
    }
  });

  it('hides a text not adopted from the public (404) and gives it to its negotiators', async () => {
    const { secretariat, url } = await negotiatedText();
    const mexico = await h.as('delegate', 'mx');
    const outsider = await h.as('focal-point', 'br');
    for (const format of ['akoma-ntoso', 'pdf']) {
      expectProblem(await h.send('GET', `${url}/${format}`), 404);
      expectProblem(await h.send('GET', `${url}/${format}`, outsider), 404);
      expect((await h.send('GET', `${url}/${format}`, secretariat)).statusCode).toBe(200);
      expect((await h.send('GET', `${url}/${format}`, mexico)).statusCode).toBe(200);
    }
    const pdf = textOfPdf((await h.send('GET', `${url}/pdf`, mexico)).rawPayload);
    expect(pdf).toContain('No aprobado (estado: En negociación)');
    if (schemaCheckRuns) expect(validateXml((await akn(url, secretariat)).body, SCHEMA).status).toBe(0);
  });

  it(
    schemaCheckTitle(
      'Akoma Ntoso',
      'exports every historic document, whose text is held elsewhere, as valid Akoma Ntoso pointing to it',
    ),
    async (test) => {
      if (!schemaCheckRuns) return test.skip();
      const list = (await h.send('GET', '/documents?limit=100')).json().items as Document[];
      const historic = list.filter((d) => !d.textHeld);
      expect(historic.length).toBeGreaterThan(0);
      for (const document of historic) {
        const res = await akn(`/documents/${document.slug}`);
        expect(res.statusCode, res.body).toBe(200);
        const verdict = validateXml(res.body, SCHEMA);
        expect(verdict.status, `${document.slug}: ${verdict.output}`).toBe(0);
        if (document.textSource) expect(res.body).toContain('<mainBody><p><a href="http');
        const pdf = await h.send('GET', `/documents/${document.slug}/pdf`);
        expect(pdf.statusCode).toBe(200);
        const text = textOfPdf(pdf.rawPayload);
        expect(text).toContain(document.title?.text ?? document.symbol ?? document.slug);
        expect(text).not.toContain('Not adopted');
      }
    },
  );
});
