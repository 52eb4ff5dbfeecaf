import { describe, expect, it } from 'vitest';
import { readXlsx } from '../testing/xlsx.js';
import { columnName, xlsxWorkbook } from './xlsx.js';

describe('xlsxWorkbook', () => {
  it('writes a workbook of one sheet whose texts, numbers and empty cells read back, texts neutralised as in the CSV', () => {
    const { parts, cells } = readXlsx(
      xlsxWorkbook('Matrix: cycle/1', [
        ['state', 'rate', 'note'],
        ["=cmd|' /C calc'!A0", 66.7, null],
        ['<b>&"quoted"</b>', 0, '@SUM(A1)'],
        ['-1+2', -3.5, 'tab\u0000bell\u0007\ud800'],
      ]),
    );
    expect(Object.keys(parts).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    expect(parts['xl/workbook.xml']).toContain('<sheet name="Matrix  cycle 1"');
    expect(cells).toEqual({
      A1: 'state',
      B1: 'rate',
      C1: 'note',
      A2: "'=cmd|' /C calc'!A0",
      B2: 66.7,
      A3: '<b>&"quoted"</b>',
      B3: 0,
      C3: "'@SUM(A1)",
      A4: "'-1+2",
      B4: -3.5,
      C4: 'tabbell',
    });
    // No formula anywhere: every text is an inline string.
    expect(parts['xl/worksheets/sheet1.xml']).not.toContain('<f>');
  });

  it('names columns as a spreadsheet does', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
