import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';

/**
 * The text of each content stream of a PDF: pdfkit writes each page's text as hex strings inside
 * one (deflated) content stream; this inflates every stream (not what lies between them, such as
 * the trailer's /ID) and decodes those strings (WinAnsi, i.e. latin1 here).
 */
function streamTexts(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const streams: string[] = [];
  for (const match of raw.matchAll(/(?<!end)stream\r?\n/g)) {
    const start = (match.index ?? 0) + match[0].length;
    const end = raw.indexOf('endstream', start);
    const bytes = pdf.subarray(start, end);
    let content: string;
    try {
      content = inflateSync(bytes).toString('latin1');
    } catch {
      content = bytes.toString('latin1');
    }
    const texts = [...content.matchAll(/<([0-9a-fA-F]+)>/g)].map((hex) =>
      Buffer.from(hex[1] as string, 'hex').toString('latin1'),
    );
    streams.push(texts.join(''));
  }
  return streams;
}

/** The text a PDF shows, read from its own streams (see streamTexts). */
export function pdfText(pdf: Buffer): string {
  return streamTexts(pdf).join('');
}

// Poppler's pdftotext reads the PDF as a viewer would; without it, the PDF's own text streams are read.
export const hasPdftotext = !spawnSync('pdftotext', ['-v']).error;

/** The text of each page, whitespace runs made one space: by pdftotext when installed (pages end
 * with a form feed), else from the content streams that hold text (one per page, as pdfkit writes). */
export function pdfPages(pdf: Buffer): string[] {
  if (!hasPdftotext) return streamTexts(pdf).filter((text) => text.length > 0);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    fs.writeFileSync(file, pdf);
    const run = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`pdftotext failed: ${run.stderr}`);
    return run.stdout
      .split('\f')
      .slice(0, -1)
      .map((page) => page.replace(/\s+/g, ' ').trim());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The text a viewer shows, every page in order (pdftotext when installed). */
export function textOfPdf(pdf: Buffer): string {
  return hasPdftotext ? pdfPages(pdf).join(' ') : pdfText(pdf);
}
