import PDFDocument from 'pdfkit';
import type { Lang } from '../../../contract/common.js';
import type { BriefFindings } from '../../../contract/indicators.js';
import type { Subregion } from '../../../domain/reference.js';
import { message } from '../../i18n/messages.js';

/** Names a brief's texts need, in one language: indicators, states, pillars, the meeting. */
export interface BriefNames {
  lang: Lang;
  meeting: string;
  indicator: (code: string) => string;
  state: (iso3: string) => string;
  pillar: (code: string) => string;
  subregion: (subregion: Subregion) => string;
  number: (value: number, digits: number) => string;
}

const MARGIN = 56;
const BAR_HEIGHT = 12;
const LABEL_WIDTH = 150;

/**
 * The brief typeset with pdfkit (its built-in Helvetica covers the accents of the four working
 * languages, as the outcome documents' PDFs): the title and meeting, the edited body (a line
 * starting with "# " is a heading), then per indicator a bar chart of the change per year in each
 * state where it worsened, drawn as vector paths, with the same figures in a table beneath.
 */
export function briefPdf(input: { title: string; body: string; findings: BriefFindings; names: BriefNames }) {
  const { title, body, findings, names } = input;
  const { lang } = names;
  const pdf = new PDFDocument({ size: 'A4', margin: MARGIN, lang, info: { Title: title } });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - 2 * MARGIN;

  pdf.font('Helvetica-Bold').fontSize(18).text(title).moveDown(0.3);
  pdf.font('Helvetica').fontSize(11).text(names.meeting).moveDown();
  for (const paragraph of body.split(/\n\s*\n/)) {
    const text = paragraph.trim();
    if (text === '') continue;
    if (text.startsWith('# ')) pdf.moveDown(0.4).font('Helvetica-Bold').fontSize(13).text(text.slice(2)).moveDown(0.3);
    else pdf.font('Helvetica').fontSize(10.5).text(text, { align: 'left' }).moveDown(0.5);
  }

  for (const indicator of findings.indicators) {
    if (indicator.worsened.length === 0) continue;
    const unit =
      indicator.unit === 'per-100000-inhabitants' ? message(lang, 'observatory.brief.per100000') : indicator.unit;
    const caption = message(lang, 'observatory.brief.chartCaption', {
      indicator: names.indicator(indicator.code),
      from: String(indicator.from),
      to: String(indicator.to),
      unit,
    });
    const rows = [...indicator.worsened].sort((a, b) => Math.abs(b.slope) - Math.abs(a.slope));
    const chartHeight = rows.length * (BAR_HEIGHT + 4) + 20;
    if (pdf.y + chartHeight + 40 > pdf.page.height - MARGIN) pdf.addPage();
    pdf.moveDown().font('Helvetica-Bold').fontSize(11).text(caption).moveDown(0.5);

    // The chart: one bar per state, its length the change per year, the figure at its end.
    const largest = Math.max(...rows.map((r) => Math.abs(r.slope)));
    const barSpace = width - LABEL_WIDTH - 60;
    let y = pdf.y;
    for (const row of rows) {
      const length = largest > 0 ? (Math.abs(row.slope) / largest) * barSpace : 0;
      pdf
        .font('Helvetica')
        .fontSize(9)
        .fillColor('black')
        .text(names.state(row.state.iso3), MARGIN, y + 2, { width: LABEL_WIDTH - 8, lineBreak: false, ellipsis: true });
      // Okabe–Ito vermilion: told apart from the page in greyscale and by colour-blind readers.
      pdf.rect(MARGIN + LABEL_WIDTH, y, Math.max(length, 1), BAR_HEIGHT).fill('#D55E00');
      pdf
        .fillColor('black')
        .text(names.number(row.slope, 3), MARGIN + LABEL_WIDTH + length + 4, y + 2, { lineBreak: false });
      y += BAR_HEIGHT + 4;
    }
    pdf
      .moveTo(MARGIN + LABEL_WIDTH, pdf.y > y ? y : y)
      .lineTo(MARGIN + LABEL_WIDTH, y - rows.length * (BAR_HEIGHT + 4))
      .strokeColor('black')
      .lineWidth(0.5)
      .stroke();
    pdf.x = MARGIN;
    pdf.y = y + 6;

    // The table: the same figures, for readers who cannot see the chart.
    const columns = [
      message(lang, 'observatory.brief.state'),
      message(lang, 'observatory.brief.subregionColumn'),
      message(lang, 'observatory.brief.slope'),
      'p',
      'n',
    ];
    const at = [0, 150, 290, 370, 430].map((x) => MARGIN + x);
    const line = (cells: string[], bold: boolean) => {
      if (pdf.y + 14 > pdf.page.height - MARGIN) pdf.addPage();
      const top = pdf.y;
      pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
      cells.forEach((cell, i) => {
        pdf.text(cell, at[i] as number, top, {
          width: (at[i + 1] ?? MARGIN + width) - (at[i] as number) - 4,
          lineBreak: false,
        });
      });
      pdf.x = MARGIN;
      pdf.y = top + 13;
    };
    line(columns, true);
    for (const row of rows)
      line(
        [
          names.state(row.state.iso3),
          names.subregion(row.subregion),
          names.number(row.slope, 3),
          names.number(row.p, 3).replace(/^\+/, ''),
          String(row.n),
        ],
        false,
      );
    pdf.moveDown(0.5).font('Helvetica-Oblique').fontSize(8).text(indicator.attribution, MARGIN);
  }
  pdf.end();
  return done;
}
