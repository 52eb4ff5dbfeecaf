import { parseCsv } from '../../../domain/csv.js';
import { IMPORT_ERRORS_LISTED, IMPORT_MAX_ROWS } from '../../../domain/imports.js';
import { reason } from '../../../domain/reasons.js';
import { InvalidParameterError } from '../../http/problems.js';

/**
 * The parts every import of a file shares (observatory values, follow-up items): reading its text,
 * its header and rows, and listing the refused rows. Each import checks its own rows and names a
 * refused one `rows.{row}.{column}`, the row as the file counts it (the header is row 1).
 */

export type RowError = { parameter: string; location: 'body'; reason: string };

const refuseFile = (why: string) => new InvalidParameterError('body', 'body', why);

/** The body as text: UTF-8 only (a byte-order mark allowed), since a guessed encoding garbles names. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw refuseFile(reason('reason.import.encoding'));
  }
}

/** A CSV file's records (its header first): UTF-8, every quoted cell closed. */
export function csvRecords(bytes: Uint8Array): string[][] {
  const parsed = parseCsv(decodeUtf8(bytes));
  if ('unterminatedAt' in parsed)
    throw refuseFile(reason('reason.import.unterminated', { row: parsed.unterminatedAt }));
  return parsed.records;
}

/**
 * The layout the header gives and the rows under it: refused when the header lacks a required
 * column, when there is no row, or more than IMPORT_MAX_ROWS.
 */
export function tableOf<Layout extends object>(
  records: string[][],
  layoutOf: (header: readonly string[]) => Layout | { missing: string[] },
): { layout: Layout; rows: string[][] } {
  const [header = [], ...rows] = records;
  const layout = layoutOf(header);
  if ('missing' in layout) throw refuseFile(reason('reason.import.columns', { columns: layout.missing.join(', ') }));
  if (rows.length === 0) throw refuseFile(reason('reason.import.empty'));
  if (rows.length > IMPORT_MAX_ROWS) throw refuseFile(reason('reason.import.tooManyRows', { max: IMPORT_MAX_ROWS }));
  return { layout: layout as Layout, rows };
}

/** The errors a refusal lists: the first ones, and how many more there are. */
export function listedErrors(errors: RowError[]): RowError[] {
  if (errors.length <= IMPORT_ERRORS_LISTED) return errors;
  const more = errors.length - IMPORT_ERRORS_LISTED;
  return [
    ...errors.slice(0, IMPORT_ERRORS_LISTED),
    {
      parameter: 'rows',
      location: 'body',
      reason: reason('reason.import.moreErrors', { count: more, listed: IMPORT_ERRORS_LISTED }),
    },
  ];
}
