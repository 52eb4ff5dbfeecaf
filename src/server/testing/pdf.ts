import { inflateSync } from 'node:zlib';

/**
 * The text a PDF shows: pdfkit writes each run of text as hex strings inside (deflated) content
 * streams; this inflates every stream (not what lies between them, such as the trailer's /ID) and
 * decodes those strings (WinAnsi, i.e. latin1 here).
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const texts: string[] = [];
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
    for (const hex of content.matchAll(/<([0-9a-fA-F]+)>/g)) {
      texts.push(Buffer.from(hex[1] as string, 'hex').toString('latin1'));
    }
  }
  return texts.join('');
}
