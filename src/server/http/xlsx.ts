import { strToU8, zipSync } from 'fflate';
import { neutralised } from '../../domain/csv.js';

/** A spreadsheet cell: a text, a number, or empty. */
export type SheetCell = string | number | null | undefined;

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * One sheet as an XLSX workbook (Office Open XML, ECMA-376), the least a spreadsheet needs: a
 * package of five XML parts zipped by fflate. Texts are inline strings, neutralised as the CSV's
 * are (an inline string is never a formula, but a user who edits the cell would make it one);
 * numbers are numbers; the first row is frozen as the header. A writer of its own rather than a
 * workbook library: the exports need one plain sheet, and the libraries that write XLSX pull in a
 * dozen packages for styles, charts and reading that the exports do not use.
 */
export function xlsxWorkbook(sheetName: string, rows: ReadonlyArray<ReadonlyArray<SheetCell>>): Uint8Array {
  const sheetRows = rows.map(
    (row, r) => `<row r="${r + 1}">${row.map((value, c) => cellXml(`${columnName(c)}${r + 1}`, value)).join('')}</row>`,
  );
  const parts: Record<string, string> = {
    '[Content_Types].xml':
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '</Types>',
    '_rels/.rels':
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '</Relationships>',
    'xl/workbook.xml':
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      `<sheets><sheet name="${escapeXml(sheetTitle(sheetName))}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels':
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      '</Relationships>',
    'xl/worksheets/sheet1.xml':
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
      `<sheetData>${sheetRows.join('')}</sheetData></worksheet>`,
  };
  const declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  return zipSync(Object.fromEntries(Object.entries(parts).map(([name, xml]) => [name, strToU8(declaration + xml)])));
}

function cellXml(ref: string, value: SheetCell): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'number')
    return Number.isFinite(value) ? `<c r="${ref}"><v>${value}</v></c>` : cellXml(ref, String(value));
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(neutralised(value))}</t></is></c>`;
}

/** A, B, … Z, AA, AB, …: the column's letters. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A sheet's name: at most 31 characters, none of : \ / ? * [ ]. */
function sheetTitle(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1';
}

/** Whether XML 1.0 may hold the character: tab, line feed, carriage return and from space on, but no
 * lone surrogate (the string's code points are read whole) and not U+FFFE or U+FFFF. */
function xmlChar(point: number): boolean {
  if (point < 0x20) return point === 0x09 || point === 0x0a || point === 0x0d;
  return !(point >= 0xd800 && point <= 0xdfff) && point !== 0xfffe && point !== 0xffff;
}

/** Text as XML character data: the five escapes, and the characters XML 1.0 cannot hold dropped. */
function escapeXml(text: string): string {
  let out = '';
  for (const char of text) {
    const point = char.codePointAt(0) ?? 0;
    if (!xmlChar(point)) continue;
    out += '&<>"\''.includes(char) ? `&#${point};` : char;
  }
  return out;
}
