/**
 * CSV (RFC 4180) that is safe to open in a spreadsheet. Every cell is quoted, so commas, quotes and
 * line breaks in user text stay inside their cell; and a cell that starts with = + - @ (or a tab or
 * carriage return) gets a leading apostrophe, because spreadsheets run such a cell as a formula —
 * `=HYPERLINK(...)` in a display name would otherwise run on the secretariat's machine (OWASP,
 * "CSV Injection").
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '""';
  if (typeof value === 'number') return `"${value}"`;
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replaceAll('"', '""')}"`;
}

export function csvRow(values: ReadonlyArray<string | number | null | undefined>): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
