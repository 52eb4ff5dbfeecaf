/**
 * CSV (RFC 4180) that is safe to open in a spreadsheet. Every cell is quoted, so commas, quotes and
 * line breaks in user text stay inside their cell; and a cell that starts with = + - @ (or a tab or
 * carriage return) gets a leading apostrophe, because spreadsheets run such a cell as a formula —
 * `=HYPERLINK(...)` in a display name would otherwise run on the secretariat's machine (OWASP,
 * "CSV Injection").
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text a spreadsheet will show as text: a leading apostrophe before what would start a formula.
 * Every spreadsheet export (CSV and XLSX) writes its texts through it. */
export function neutralised(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '""';
  if (typeof value === 'number') return `"${value}"`;
  return `"${neutralised(value).replaceAll('"', '""')}"`;
}

export function csvRow(values: ReadonlyArray<string | number | null | undefined>): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** What `parseCsv` makes of a text: its records, or where a quoted cell is left open. */
export type CsvParse = { records: string[][] } | { unterminatedAt: number };

/**
 * Reads CSV (RFC 4180: cells quoted or not, `""` for a quote inside quotes, CRLF or LF between
 * records, line breaks inside quoted cells) into records of cells. Blank lines are skipped. A quoted
 * cell left open is reported with the number of its record (the header is record 1).
 */
export function parseCsv(text: string): CsvParse {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  let quotedFrom = 0;
  let i = 0;
  const endRecord = () => {
    record.push(cell);
    if (record.length > 1 || record[0] !== '') records.push(record);
    record = [];
    cell = '';
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell === '') {
      quoted = true;
      quotedFrom = records.length + 1;
    } else if (c === ',') {
      record.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      endRecord();
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else cell += c;
    i++;
  }
  if (quoted) return { unterminatedAt: quotedFrom };
  if (cell !== '' || record.length > 0) endRecord();
  return { records };
}

/** A cell as its writer meant it: the apostrophe `csvCell` put before a formula-like text removed. */
export function plainCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
