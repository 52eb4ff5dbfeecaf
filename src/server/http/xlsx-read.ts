import { unzipSync } from 'fflate';

/**
 * Reads the first sheet of an XLSX workbook (Office Open XML, ECMA-376) as rows of text cells: the
 * reading side of `xlsx.ts`, for imports. A reader of its own for the same reason the writer is:
 * an import needs the cells' texts of one sheet, which fflate's unzip and a small reader of the
 * sheet's XML give; the workbook libraries bring styles, charts and a dozen packages (and the
 * `xlsx` package on npm is no longer kept up). Formulas are not run: a formula cell is reported
 * by its place, so an import refuses it rather than store a value computed elsewhere.
 */

/** What a workbook holds: its rows, and where formulas are (row and column, from 0). */
export type SheetRead = { rows: string[][]; formulas: Array<{ row: number; column: number }> } | { unreadable: true };

/** The most an XML part may unpack to: a small zip that expands without end (a zip bomb) is refused. */
const PART_MAX_BYTES = 200 * 1024 * 1024;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML character data as text: the five named entities and numeric references. */
function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

/** The text of a string item (`<si>` or `<is>`): its `<t>` runs joined, phonetic guides left out. */
function runsText(xml: string): string {
  const runs = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g);
  return [...runs].map((run) => unescapeXml(run[1] ?? '')).join('');
}

/** A, B, … AA: the column's index from 0. */
function columnIndex(letters: string): number {
  let index = 0;
  for (const letter of letters) index = index * 26 + (letter.charCodeAt(0) - 64);
  return index - 1;
}

const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** The path of the workbook's first sheet, as its relationships name it. */
function firstSheetPath(parts: Record<string, Uint8Array>, text: (name: string) => string | undefined): string {
  const fallback = 'xl/worksheets/sheet1.xml';
  const sheet = /<sheet\b[^>]*>/.exec(text('xl/workbook.xml') ?? '')?.[0];
  const id = sheet && attribute(sheet, 'r:id');
  const relation = [...(text('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b[^>]*>/g)]
    .map((match) => match[0])
    .find((tag) => attribute(tag, 'Id') === id);
  const target = relation && attribute(relation, 'Target');
  if (!target) return fallback;
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  return path in parts ? path : fallback;
}

export function readXlsx(bytes: Uint8Array): SheetRead {
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, {
      // A part that says it unpacks beyond the limit is not even inflated; one that lies is caught below.
      filter: (file) =>
        (file.name.endsWith('.xml') || file.name.endsWith('.rels')) && file.originalSize <= PART_MAX_BYTES,
    });
  } catch {
    return { unreadable: true };
  }
  if (Object.values(parts).some((part) => part.length > PART_MAX_BYTES)) return { unreadable: true };
  const decoder = new TextDecoder('utf-8');
  const text = (name: string) => (parts[name] ? decoder.decode(parts[name]) : undefined);
  const sheet = text(firstSheetPath(parts, text));
  if (sheet === undefined) return { unreadable: true };
  const shared = [...(text('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((si) =>
    runsText(si[1] ?? ''),
  );

  const rows: string[][] = [];
  const formulas: Array<{ row: number; column: number }> = [];
  for (const rowMatch of sheet.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const declared = Number(attribute(rowMatch[1] ?? '', 'r'));
    const at = Number.isInteger(declared) && declared > 0 ? declared - 1 : rows.length;
    const cells: string[] = [];
    for (const cellMatch of (rowMatch[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const tag = cellMatch[1] ?? '';
      const body = cellMatch[2] ?? '';
      const ref = /^([A-Z]+)/.exec(attribute(tag, 'r') ?? '')?.[1];
      const column = ref ? columnIndex(ref) : cells.length;
      const type = attribute(tag, 't');
      const value = unescapeXml(/<v>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? '');
      if (/<f\b/.test(body)) formulas.push({ row: at, column });
      const cell =
        type === 's'
          ? (shared[Number(value)] ?? '')
          : type === 'inlineStr'
            ? runsText(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '')
            : value;
      while (cells.length < column) cells.push('');
      cells[column] = cell;
    }
    while (rows.length < at) rows.push([]);
    rows[at] = cells;
  }
  // Blank rows are skipped, as the CSV reader skips blank lines; a formula keeps its row's place.
  return { rows, formulas };
}
