import PDFDocument from 'pdfkit';
import type { Lang } from '../../../contract/common.js';
import type { DocumentNode, OutcomeDocument } from '../../../contract/outcome-documents.js';
import { reason } from '../../../domain/reasons.js';
import { InvalidParameterError } from '../../http/problems.js';
import { message } from '../../i18n/messages.js';
import type { RequestContext } from '../../policy/actor.js';
import type { DocumentsReads } from './service.js';

/**
 * The exports of an outcome document (issue 13): OASIS LegalDocML (Akoma Ntoso 3.0) XML and a
 * typeset PDF, each of one language's expression of the text, read with the document's visibility.
 */

/** ISO 639-2 codes, which Akoma Ntoso's FRBRlanguage takes. */
const ISO_639_2: Record<Lang, string> = { en: 'eng', es: 'spa', fr: 'fra', pt: 'por' };

/** The document as `ctx` may read it, in `requested` (else its original language): a text held
 * here is exported only in a language its whole text is in. */
export async function exportable(
  reads: DocumentsReads,
  ctx: RequestContext,
  idOrSlug: string,
  requested: Lang | undefined,
): Promise<{ doc: OutcomeDocument; lang: Lang }> {
  const row = await reads.visible(ctx, idOrSlug);
  const lang = requested ?? (row.original_lang as Lang | null) ?? ctx.lang;
  const doc = await reads.detail({ ...ctx, lang }, row);
  if (doc.textHeld && !doc.languages.includes(lang))
    throw new InvalidParameterError(
      'lang',
      'query',
      reason('reason.outcome.exportLang', { languages: doc.languages.join(', ') }),
    );
  return { doc, lang };
}

/** A node's text in `lang`, else (a heading or paragraph with no text yet) in the original. */
const textIn = (node: DocumentNode, doc: OutcomeDocument, lang: Lang) =>
  node.texts[lang]?.text ?? (doc.originalLang ? node.texts[doc.originalLang]?.text : undefined) ?? '';

/** The footnotes in reading order (those on the whole text first, then by paragraph), numbered 1..n. */
function numberedFootnotes(doc: OutcomeDocument) {
  const order = new Map(doc.body.map((n, i) => [n.id, i]));
  return [...doc.footnotes]
    .sort(
      (a, b) =>
        (a.nodeId === null ? -1 : (order.get(a.nodeId) ?? 0)) - (b.nodeId === null ? -1 : (order.get(b.nodeId) ?? 0)),
    )
    .map((footnote, i) => ({ ...footnote, marker: i + 1 }));
}

type Footnotes = ReturnType<typeof numberedFootnotes>;

const paragraphLabel = (node: DocumentNode, lang: Lang) =>
  node.number === null
    ? ''
    : message(
        lang,
        node.kind === 'preambular' ? 'outcomeDocuments.export.preambular' : 'outcomeDocuments.export.operative',
        {
          number: node.number,
        },
      );

const footnoteLabel = (footnote: Footnotes[number], lang: Lang) =>
  message(lang, `outcomeDocuments.export.${footnote.kind}`, { state: footnote.state.name.text });

/** A footnote's text, and where a historic one is known from (its text is then the source's
 * account of it, not the text's own): each source as the portal names it, with its address. */
const footnoteText = (footnote: Footnotes[number]) =>
  [footnote.text, ...footnote.sources.map((s) => `${s.title} — ${s.publisher} (${s.url})`)].join(' ');

// Akoma Ntoso ------------------------------------------------------------------------------------

const escapeXml = (text: string) =>
  text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] as string);

/**
 * The document as Akoma Ntoso 3.0 (`doc`): FRBR identification (the work named by its symbol and
 * date, the expression in `lang`), the title in the preface, the leading preambular paragraphs as
 * the preamble's recitals, the rest as the main body (sections as `section`, paragraphs numbered as
 * negotiators cite them, each keeping its stable id as GUID), footnotes as authorial notes where
 * they attach (on the title for the whole text). A text not held here points to its source.
 */
export function akomaNtoso(doc: OutcomeDocument, lang: Lang, generatedOn: string): string {
  // The work's date keeps its address stable: adoption, else (a historic text with no recorded
  // day) its meeting's year, else the day it is exported.
  const year = doc.meeting.year === null ? null : `${doc.meeting.year}-01-01`;
  const date = doc.adoptedOn ?? year ?? generatedOn;
  const dateName = doc.adoptedOn ? 'adoption' : year ? 'meeting-year' : 'generation';
  const work = `/akn/oas/doc/${doc.type}/${date}/${doc.slug}`;
  const expression = `${work}/${ISO_639_2[lang]}@`;
  const manifestation = `${expression}/!main.akn`;
  const frbrCore = (uri: string, thisUri: string, when: string, name: string) =>
    `<FRBRthis value="${escapeXml(thisUri)}"/><FRBRuri value="${escapeXml(uri)}"/>${
      uri === work && doc.symbol ? `<FRBRalias name="symbol" value="${escapeXml(doc.symbol)}"/>` : ''
    }<FRBRdate date="${when}" name="${name}"/><FRBRauthor href="#mispa"/>`;
  const footnotes = numberedFootnotes(doc);
  const notes = (nodeId: string | null) =>
    footnotes
      .filter((f) => f.nodeId === nodeId)
      .map(
        (f) =>
          `<authorialNote eId="fnt_${f.marker}" marker="${f.marker}" placement="bottom"><p xml:lang="${f.lang}">${escapeXml(
            `${footnoteLabel(f, lang)}: ${footnoteText(f)}`,
          )}</p></authorialNote>`,
      )
      .join('');
  const paragraph = (node: DocumentNode) => {
    const eId = node.kind === 'preambular' ? `pp_${node.number}` : `para_${node.number}`;
    const classes = [node.kind, node.mark].filter(Boolean).join(' ');
    return `<paragraph eId="${eId}" GUID="${node.id}" class="${classes}"><num>${escapeXml(
      paragraphLabel(node, lang),
    )}</num><content><p>${escapeXml(textIn(node, doc, lang))}${notes(node.id)}</p></content></paragraph>`;
  };
  let sections = 0;
  const children = (parentId: string | null, from: DocumentNode[]) => from.filter((n) => n.parentId === parentId);
  const tree = (node: DocumentNode): string => {
    if (node.kind !== 'section') return paragraph(node);
    sections += 1;
    const inner = children(node.id, doc.body).map(tree).join('');
    return `<section eId="sec_${sections}" GUID="${node.id}"><heading>${escapeXml(textIn(node, doc, lang))}</heading>${
      inner || '<content><p/></content>'
    }</section>`;
  };
  const top = children(null, doc.body);
  const leading = top.findIndex((n) => n.kind !== 'preambular');
  const preambular = leading === -1 ? top : top.slice(0, leading);
  const rest = leading === -1 ? [] : top.slice(leading);
  const source = doc.textSource;
  const mainBody =
    rest.length > 0
      ? rest.map(tree).join('')
      : `<p>${source ? `<a href="${escapeXml(source)}">${escapeXml(source)}</a>` : ''}</p>`;
  const title = doc.title?.text ?? doc.symbol ?? doc.slug;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">',
    `<doc name="${doc.type}">`,
    '<meta>',
    '<identification source="#mispa">',
    `<FRBRWork>${frbrCore(work, `${work}/!main`, date, dateName)}<FRBRcountry value="oas"/>${
      doc.symbol ? `<FRBRnumber value="${escapeXml(doc.symbol)}"/>` : ''
    }<FRBRname value="${escapeXml(title)}"/></FRBRWork>`,
    `<FRBRExpression>${frbrCore(expression, `${expression}/!main`, date, dateName)}${
      doc.originalLang ? `<FRBRauthoritative value="${lang === doc.originalLang}"/>` : ''
    }<FRBRlanguage language="${ISO_639_2[lang]}"/></FRBRExpression>`,
    `<FRBRManifestation>${frbrCore(manifestation, manifestation, generatedOn, 'generation')}<FRBRformat value="application/akn+xml"/></FRBRManifestation>`,
    '</identification>',
    '<references source="#mispa">',
    `<TLCOrganization eId="mispa" href="/ontology/organization/oas/mispa" showAs="${escapeXml(doc.meeting.shortName)}"/>`,
    '</references>',
    '</meta>',
    `<preface><longTitle><p><docTitle>${escapeXml(title)}</docTitle>${notes(null)}</p></longTitle>${
      doc.symbol ? `<p><docNumber>${escapeXml(doc.symbol)}</docNumber></p>` : ''
    }${doc.adoptedOn ? `<p><docDate date="${doc.adoptedOn}">${doc.adoptedOn}</docDate></p>` : ''}</preface>`,
    preambular.length > 0
      ? `<preamble><recitals>${preambular
          .map(
            (n) =>
              `<recital eId="pp_${n.number}" GUID="${n.id}"><num>${escapeXml(paragraphLabel(n, lang))}</num><p>${escapeXml(
                textIn(n, doc, lang),
              )}${notes(n.id)}</p></recital>`,
          )
          .join('')}</recitals></preamble>`
      : '',
    `<mainBody>${mainBody}</mainBody>`,
    '</doc>',
    '</akomaNtoso>',
    '',
  ].join('\n');
}

// PDF ----------------------------------------------------------------------------------------------

/**
 * The document typeset with pdfkit: a title page (title, symbol, meeting, adoption date and content
 * hash, or the status of a text not adopted), then the body with numbered paragraphs and footnote
 * markers, then the footnotes. pdfkit's built-in Helvetica (as the participants list's) covers the
 * accents of the four working languages.
 */
export function documentPdf(doc: OutcomeDocument, lang: Lang): Promise<Buffer> {
  const title = doc.title?.text ?? doc.symbol ?? doc.slug;
  const pdf = new PDFDocument({ size: 'A4', margin: 64, lang, info: { Title: title } });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const footnotes = numberedFootnotes(doc);
  const markers = (nodeId: string | null) =>
    footnotes
      .filter((f) => f.nodeId === nodeId)
      .map((f) => ` [${f.marker}]`)
      .join('');

  pdf
    .moveDown(6)
    .font('Helvetica-Bold')
    .fontSize(20)
    .text(`${title}${markers(null)}`, { align: 'center' })
    .moveDown(2);
  const line = (label: string, value: string) =>
    pdf.font('Helvetica-Bold').fontSize(11).text(`${label}: `, { continued: true }).font('Helvetica').text(value);
  if (doc.symbol) line(message(lang, 'outcomeDocuments.export.symbol'), doc.symbol);
  line(message(lang, 'outcomeDocuments.export.meeting'), doc.meeting.shortName);
  if (doc.adoptedOn) line(message(lang, 'outcomeDocuments.export.adoptedOn'), doc.adoptedOn);
  // A historic document is adopted with no day recorded: only a text not adopted says so.
  if (doc.status !== 'adopted')
    pdf
      .font('Helvetica-Oblique')
      .fontSize(11)
      .text(
        message(lang, 'outcomeDocuments.export.notAdopted', {
          status: message(lang, `outcomeDocuments.export.status.${doc.status}`),
        }),
      );
  if (doc.contentHash) line(message(lang, 'outcomeDocuments.export.contentHash'), doc.contentHash);

  pdf.addPage();
  if (!doc.textHeld && doc.textSource)
    pdf
      .font('Helvetica')
      .fontSize(11)
      .text(message(lang, 'outcomeDocuments.export.notHeld', { url: doc.textSource }));
  for (const node of doc.body) {
    const indent = node.depth * 12;
    if (node.kind === 'section') {
      pdf
        .moveDown(0.5)
        .font('Helvetica-Bold')
        .fontSize(13)
        .text(textIn(node, doc, lang), { indent })
        .moveDown(0.3);
      continue;
    }
    pdf
      .font('Helvetica-Bold')
      .fontSize(11)
      .text(`${paragraphLabel(node, lang)}  `, { indent, continued: true })
      .font(node.kind === 'preambular' ? 'Helvetica-Oblique' : 'Helvetica')
      .text(`${textIn(node, doc, lang)}${markers(node.id)}`, { align: 'justify' })
      .moveDown(0.5);
  }
  if (footnotes.length > 0) {
    pdf
      .moveDown()
      .font('Helvetica-Bold')
      .fontSize(12)
      .text(message(lang, 'outcomeDocuments.export.footnotes'))
      .moveDown(0.3);
    for (const f of footnotes)
      pdf
        .font('Helvetica')
        .fontSize(9)
        .text(`[${f.marker}] ${footnoteLabel(f, lang)}: ${footnoteText(f)}`)
        .moveDown(0.3);
  }
  pdf.end();
  return done;
}
