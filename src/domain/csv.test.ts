import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, parseCsv, plainCell } from './csv.js';
import { importCells, importLayout } from './indicators.js';

describe('parseCsv', () => {
  /** What a cell holds once written by csvCell: the text, with the apostrophe before a formula. */
  const written = (text: string) => csvCell(text).slice(1, -1).replaceAll('""', '"');

  it('reads back any records csvRow wrote, quotes, commas and line breaks inside cells included', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'é', ',', '"', '\n', '\r', ' ', '=', "'", '-', '1') });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { maxLength: 6 }), (records) => {
        expect(parseCsv(records.map(csvRow).join(''))).toEqual({ records: records.map((r) => r.map(written)) });
      }),
    );
  });

  it('reads unquoted cells, LF or CRLF, skips blank lines, and names the record of a quote left open', () => {
    expect(parseCsv('a,b\nc,d\r\n\r\ne,"f ""g"""\n')).toEqual({
      records: [
        ['a', 'b'],
        ['c', 'd'],
        ['e', 'f "g"'],
      ],
    });
    expect(parseCsv('a,b\nc,"d\ne,f\n')).toEqual({ unterminatedAt: 2 });
    expect(parseCsv('')).toEqual({ records: [] });
  });

  it('takes back the apostrophe csvCell puts before a formula, and leaves other apostrophes', () => {
    fc.assert(
      fc.property(
        fc.string().filter((text) => !text.startsWith("'")),
        (text) => {
          expect(plainCell(written(text))).toBe(text);
        },
      ),
    );
    expect(plainCell("'tis")).toBe("'tis");
  });
});

describe('importLayout', () => {
  it('finds the columns of SDMX-CSV and of the plain CSV, in any case, and names the required ones missing', () => {
    const sdmx = importLayout([
      'STRUCTURE',
      'STRUCTURE_ID',
      'ACTION',
      'REF_AREA',
      'TIME_PERIOD',
      'OBS_VALUE',
      'OBS_STATUS',
    ]);
    expect(sdmx).toMatchObject({ format: 'sdmx-csv', columns: { state: { index: 3, name: 'REF_AREA' } } });
    if ('missing' in sdmx) throw new Error('SDMX layout not found');
    expect(importCells(sdmx, ['dataflow', 'X', 'I', 'MEX', '2020', '1.5', 'B'])).toEqual({
      state: 'MEX',
      year: '2020',
      value: '1.5',
      action: 'I',
      breakInSeries: 'true',
    });
    const plain = importLayout(['Ref_Area_ISO2', 'ref_area_iso3', 'Year', 'Value']);
    expect(plain).toMatchObject({ format: 'csv', columns: { state: { index: 1, name: 'ref_area_iso3' } } });
    expect(importLayout(['state', 'value'])).toEqual({ missing: ['year'] });
    expect(importLayout(['STRUCTURE', 'REF_AREA'])).toEqual({ missing: ['time_period', 'obs_value'] });
  });
});
