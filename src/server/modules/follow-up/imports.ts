import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import {
  type ItemCreate,
  ItemCreateSchema,
  type ItemImport,
  type ItemImportQuery,
  SubItemInputSchema,
} from '../../../contract/follow-up.js';
import { plainCell } from '../../../domain/csv.js';
import { type ItemImportColumn, itemImportLayout, SUB_ITEMS_MAX, textIn } from '../../../domain/follow-up.js';
import { IMPORT_ROWS_LISTED } from '../../../domain/imports.js';
import { LANGS } from '../../../domain/languages.js';
import { reason } from '../../../domain/reasons.js';
import type { Database } from '../../db/schema.js';
import { InvalidParameterError, InvalidParametersError } from '../../http/problems.js';
import { columnName } from '../../http/xlsx.js';
import { readXlsx } from '../../http/xlsx-read.js';
import type { RequestContext } from '../../policy/actor.js';
import { recordAudit } from '../audit/index.js';
import { csvRecords, listedErrors, type RowError, tableOf } from '../shared/imports.js';
import { pillarIdsByCode } from '../shared/refs.js';
import { followUpPolicy } from './policy.js';
import { adoptedDocumentsBySlug, insertHistoricItem, itemNumbersOf, nextItemPosition } from './queries.js';

export type ItemFileFormat = ItemImport['format'];

type Layout = { columns: Partial<Record<ItemImportColumn, number>> };

/** An item of the file that passed its checks, with its sub-items (rows naming it as their parent). */
interface ImportedItem {
  row: number;
  documentId: string;
  item: ItemCreate;
}

/** The texts of a row: one per language column it fills. */
const TEXT_COLUMNS = LANGS.map((lang) => [lang, `text_${lang}`] as const);

/** A plain decimal weight ("1.5"); anything else is left for the schema to refuse with its reason. */
const weightOf = (cell: string): number | string | null =>
  cell === '' ? null : /^\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell;

/**
 * A file's records, header first: CSV must be UTF-8; an XLSX workbook's first sheet is read, and a
 * formula cell refused (its value was computed by a spreadsheet, not written by a person).
 */
function recordsOf(bytes: Buffer, format: ItemFileFormat): { records: string[][]; formulaErrors: RowError[] } {
  if (format === 'csv') return { records: csvRecords(bytes), formulaErrors: [] };
  const sheet = readXlsx(bytes);
  if ('unreadable' in sheet) throw new InvalidParameterError('body', 'body', reason('reason.import.xlsx'));
  const header = sheet.rows[0] ?? [];
  const formulaErrors = sheet.formulas.map(({ row, column }) => ({
    parameter: `rows.${row + 1}.${header[column]?.trim() || columnName(column)}`,
    location: 'body' as const,
    reason: reason('reason.import.formula'),
  }));
  return { records: sheet.rows, formulaErrors };
}

/**
 * Imports the items of historic documents from a CSV or XLSX file (the secretariat): every row is
 * checked as an item entered one at a time is (its document adopted, its number new in the
 * document, known pillars, a text, an https source), a sub-item row names its item by number in
 * the same file; every row valid or nothing written. A preview lists what the file holds; applying
 * writes every item in one transaction with one audit entry.
 */
export function itemImports(deps: { db: Kysely<Database>; clock: () => Date }) {
  const { db, clock } = deps;

  return async function importItems(
    ctx: RequestContext,
    bytes: Buffer,
    format: ItemFileFormat,
    query: ItemImportQuery,
  ): Promise<ItemImport> {
    const role = followUpPolicy.require(ctx, 'follow-up.manage');
    const { records, formulaErrors } = recordsOf(bytes, format);
    const { layout, rows } = tableOf<Layout>(records, itemImportLayout);
    const header = records[0] ?? [];
    const columnOf = (column: ItemImportColumn) => {
      const at = layout.columns[column];
      return at === undefined ? column : (header[at] as string).trim();
    };
    const cellsOf = (record: string[]) => (column: ItemImportColumn) => {
      const at = layout.columns[column];
      return at === undefined ? '' : plainCell((record[at] ?? '').trim());
    };

    const slugs = [...new Set(rows.map((record) => cellsOf(record)('document')).filter(Boolean))];
    const documents = await adoptedDocumentsBySlug(db, slugs);
    const taken = await itemNumbersOf(
      db,
      [...documents.values()].map((d) => d.id),
    );
    const codes = new Set<string>();
    for (const record of rows)
      for (const code of pillarCodes(cellsOf(record)('pillars'))) if (/^[a-z0-9-]{1,60}$/.test(code)) codes.add(code);
    const pillarIds = await pillarIdsByCode(db, [...codes]);

    const errors: RowError[] = [...formulaErrors];
    const items = new Map<string, ImportedItem>();
    const subRows: Array<{ row: number; key: string; parent: string; number: string; sub: ItemCreate['subItems'][0] }> =
      [];
    const listed: ItemImport['listed'] = [];
    /** Items refused for their number: their sub-items are not refused again for naming them. */
    const refusedItems = new Set<string>();
    const readRow = (record: string[], at: number): void => {
      const row = at + 2;
      const cell = cellsOf(record);
      if (record.every((value) => value.trim() === '')) return;
      const refuse = (column: ItemImportColumn, why: string): void => {
        errors.push({ parameter: `rows.${row}.${columnOf(column)}`, location: 'body', reason: why });
      };
      const refuseIssues = (issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>) => {
        const seen = new Set<string>();
        for (const issue of issues) {
          const column = columnOfIssue(issue.path, layout);
          if (seen.has(column)) continue;
          seen.add(column);
          refuse(column, issue.message);
        }
      };
      const texts = Object.fromEntries(TEXT_COLUMNS.map(([lang, column]) => [lang, cell(column) || undefined]));
      const slug = cell('document');
      const document = documents.get(slug);
      if (slug !== '' && !document) refuse('document', reason('reason.decisions.unknownDocument', { slug }));
      const parent = cell('parent_number');

      if (parent === '') {
        if (cell('weight') !== '') refuse('weight', reason('reason.followUpImport.weightOnItem'));
        const parsed = ItemCreateSchema.safeParse({
          document: slug,
          number: cell('number'),
          texts,
          pillars: pillarCodes(cell('pillars')),
          sourceUrl: cell('source_url') || undefined,
        });
        if (!parsed.success) {
          refuseIssues(parsed.error.issues);
          return;
        }
        const item = parsed.data;
        const unknown = item.pillars.find((code) => !pillarIds.has(code));
        if (unknown) {
          refuse('pillars', reason('reason.agenda.unknownPillar', { code: unknown }));
          return;
        }
        if (!document) return;
        const key = `${document.id} ${item.number}`;
        const first = items.get(key);
        if (first)
          refuse('number', reason('reason.followUpImport.duplicate', { number: item.number, first: first.row }));
        else if (taken.has(key)) {
          refuse('number', reason('reason.followUpImport.exists', { number: item.number, slug }));
          refusedItems.add(key);
        } else items.set(key, { row, documentId: document.id, item });
        if (listed.length < IMPORT_ROWS_LISTED)
          listed.push({
            row,
            document: slug,
            number: item.number,
            parent: null,
            text: textIn(new Map(Object.entries(item.texts)), ctx.lang, null),
            pillars: item.pillars,
            weight: null,
          });
        return;
      }

      // A sub-item takes its texts and weight; the item's own cells would be lost on it.
      for (const column of ['pillars', 'source_url'] as const)
        if (cell(column) !== '') refuse(column, reason('reason.followUpImport.subItemCell'));
      const number = ItemCreateSchema.shape.number.safeParse(cell('number'));
      if (!number.success) refuse('number', number.error.issues[0]?.message ?? reason('reason.required'));
      const parsed = SubItemInputSchema.safeParse({ texts, weight: weightOf(cell('weight')) });
      if (!parsed.success) {
        refuseIssues(parsed.error.issues);
        return;
      }
      if (!document || !number.success) return;
      subRows.push({ row, key: `${document.id} ${parent}`, parent, number: number.data, sub: parsed.data });
      if (listed.length < IMPORT_ROWS_LISTED)
        listed.push({
          row,
          document: slug,
          number: number.data,
          parent,
          text: textIn(new Map(Object.entries(parsed.data.texts)), ctx.lang, null),
          pillars: [],
          weight: parsed.data.weight,
        });
    };
    for (const [at, record] of rows.entries()) readRow(record, at);

    // Sub-items once every item of the file is known, so a sub-item may come before its item.
    const subNumbers = new Map<string, number>();
    for (const { row, key, parent, number, sub } of subRows) {
      const refuse = (column: ItemImportColumn, why: string) =>
        errors.push({ parameter: `rows.${row}.${columnOf(column)}`, location: 'body', reason: why });
      const item = items.get(key);
      if (!item) {
        if (refusedItems.has(key)) continue;
        refuse('parent_number', reason('reason.followUpImport.unknownParent', { number: parent }));
        continue;
      }
      const first = subNumbers.get(`${key} ${number}`);
      if (first !== undefined) {
        refuse('number', reason('reason.followUpImport.duplicate', { number, first }));
        continue;
      }
      subNumbers.set(`${key} ${number}`, row);
      if (item.item.subItems.length >= SUB_ITEMS_MAX) {
        refuse('parent_number', reason('reason.max.array', { maximum: SUB_ITEMS_MAX }));
        continue;
      }
      item.item.subItems.push(sub);
    }
    if (errors.length > 0) throw new InvalidParametersError(listedErrors(errors.sort((a, b) => rowOf(a) - rowOf(b))));

    const result: ItemImport = {
      format,
      applied: false,
      rows: items.size + subRows.length,
      items: items.size,
      subItems: subRows.length,
      listed,
    };
    if (query.mode === 'preview') return result;

    const now = clock();
    const at = now.toISOString();
    await db.transaction().execute(async (trx) => {
      const positions = new Map<string, number>();
      const itemIds: string[] = [];
      for (const { documentId, item } of items.values()) {
        const position = positions.get(documentId) ?? (await nextItemPosition(trx, documentId));
        positions.set(documentId, position + 1);
        const id = uuidv7();
        const ids = item.pillars.map((code) => pillarIds.get(code) as string);
        await insertHistoricItem(trx, { id, documentId, position, item, pillarIds: ids, at });
        itemIds.push(id);
      }
      await recordAudit(
        trx,
        ctx,
        {
          action: 'follow-up.item.import',
          role,
          // One entry for the whole file, filed under its first item (the entry names the documents).
          entityType: 'follow_up_item',
          entityId: itemIds[0] as string,
          before: null,
          after: { format, items: result.items, subItems: result.subItems, documents: slugs },
        },
        now,
      );
    });
    return { ...result, applied: true };
  };
}

/** The pillar codes of a cell: separated by `;` or `,` (and spaces), each once as written. */
function pillarCodes(cell: string): string[] {
  return cell
    .split(/[;,]/)
    .map((code) => code.trim())
    .filter(Boolean);
}

/** The file's column an issue of the item's schema is about. */
function columnOfIssue(path: PropertyKey[], layout: Layout): ItemImportColumn {
  const [field, lang] = path;
  if (field === 'texts') {
    const column = `text_${String(lang ?? '')}` as ItemImportColumn;
    if (layout.columns[column] !== undefined) return column;
    return TEXT_COLUMNS.map(([, name]) => name).find((name) => layout.columns[name] !== undefined) ?? 'text_en';
  }
  if (field === 'sourceUrl') return 'source_url';
  if (field === 'weight') return 'weight';
  if (field === 'pillars') return 'pillars';
  if (field === 'number') return 'number';
  return 'document';
}

/** The row an error names (`rows.{row}.…`), so the listed errors follow the file. */
function rowOf(error: RowError): number {
  return Number(error.parameter.split('.')[1] ?? 0);
}
