import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import {
  type ObservationImport,
  type ObservationImportQuery,
  ObservationImportRowSchema,
} from '../../../contract/indicators.js';
import {
  IMPORT_CHANGES_LISTED,
  type ImportField,
  type ImportLayout,
  importCells,
  importLayout,
} from '../../../domain/indicators.js';
import { reason } from '../../../domain/reasons.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { Database } from '../../db/schema.js';
import { InvalidParametersError, ProblemError } from '../../http/problems.js';
import type { RequestContext } from '../../policy/actor.js';
import { recordAudit } from '../audit/index.js';
import { updateUnchanged } from '../shared/concurrency.js';
import { csvRecords, listedErrors, type RowError, tableOf } from '../shared/imports.js';
import { observatoryPolicy } from './policy.js';
import {
  type IndicatorRow,
  insertObservations,
  insertRevision,
  listObservations,
  type ObservationRow,
  type StateRow,
} from './queries.js';

/** A row of the file that passed its checks; a field the file does not give is left undefined. */
interface ImportRow {
  state: StateRow;
  year: number;
  value: number;
  source: string | undefined;
  notes: string | null | undefined;
  breakInSeries: boolean | undefined;
}

/**
 * Reads every row of the file against the checks a value written one at a time meets, and those of
 * a file (a known state, no state and year twice, the file's own indicator). Every refused row is
 * named by its row in the file (the header is row 1) and its column as the file spells it.
 */
function readRows(
  layout: ImportLayout,
  records: string[][],
  context: { indicator: IndicatorRow; states: Map<string, StateRow>; source: string | undefined },
): { rows: ImportRow[]; errors: RowError[] } {
  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  const firstRowOf = new Map<string, number>();
  const columnName = (field: string) => layout.columns[field as ImportField]?.name ?? field;
  records.forEach((record, at) => {
    const rowNumber = at + 2;
    const refuse = (field: string, why: string) =>
      errors.push({ parameter: `rows.${rowNumber}.${columnName(field)}`, location: 'body', reason: why });
    const cells = importCells(layout, record);
    const parsed = ObservationImportRowSchema.safeParse(cells);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) refuse(String(issue.path[0]), issue.message);
      return;
    }
    const row = parsed.data;
    if (row.indicator !== undefined && row.indicator !== context.indicator.code) {
      refuse(
        'indicator',
        reason('reason.import.otherIndicator', { found: row.indicator, code: context.indicator.code }),
      );
      return;
    }
    const state = context.states.get(row.state.toLowerCase());
    if (!state) {
      refuse('state', reason('reason.observatory.unknownState', { code: row.state }));
      return;
    }
    const key = `${state.id}/${row.year}`;
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      refuse('year', reason('reason.import.duplicate', { state: state.iso3, year: row.year, first }));
      return;
    }
    firstRowOf.set(key, rowNumber);
    // A column the file has gives its cells, empty ones too; one it lacks leaves the values as they are.
    const has = (field: ImportField) => layout.columns[field] !== undefined;
    rows.push({
      state,
      year: row.year,
      value: row.value,
      source: row.source ?? context.source,
      notes: has('notes') ? (row.notes ?? null) : undefined,
      breakInSeries: has('breakInSeries') ? (row.breakInSeries ?? false) : undefined,
    });
  });
  return { rows, errors };
}

/**
 * Imports an indicator's values from CSV or SDMX-CSV: every row valid or nothing written. A preview
 * says what the file would add and change; applying writes it in one transaction, each published
 * value it replaces kept as a revision with the reason given, and one audit entry for the import.
 */
export function observationImports(deps: { db: Kysely<Database>; clock: () => Date }) {
  const { db, clock } = deps;

  async function statesByCode(): Promise<Map<string, StateRow>> {
    const states = await db.selectFrom('member_state').select(['id', 'slug', 'iso2', 'iso3']).execute();
    return new Map(states.flatMap((s) => [[s.iso2.toLowerCase(), s] as const, [s.iso3.toLowerCase(), s] as const]));
  }

  return async function importObservations(
    ctx: RequestContext,
    indicator: IndicatorRow,
    bytes: Buffer,
    query: ObservationImportQuery,
  ): Promise<ObservationImport> {
    const role = observatoryPolicy.require(ctx, 'observatory.manage');
    const { layout, rows: records } = tableOf(csvRecords(bytes), importLayout);
    const { rows, errors } = readRows(layout, records, {
      indicator,
      states: await statesByCode(),
      source: query.source,
    });
    if (errors.length > 0) throw new InvalidParametersError(listedErrors(errors));

    const published = new Map(
      (await listObservations(db, indicator.id, { status: 'published' })).map((o) => [
        `${o.member_state_id}/${o.year}`,
        o,
      ]),
    );
    type Values = { value: number; source: string; notes: string | null; break_in_series: number };
    const added: Array<{ row: ImportRow; values: Values }> = [];
    const changed: Array<{ row: ImportRow; values: Values; before: ObservationRow }> = [];
    const changes: ObservationImport['changes'] = [];
    for (const row of rows) {
      const before = published.get(`${row.state.id}/${row.year}`);
      const values: Values = {
        value: row.value,
        source: row.source ?? before?.source ?? indicator.source_organisation,
        notes: row.notes === undefined ? (before?.notes ?? null) : row.notes,
        break_in_series: (row.breakInSeries ?? before?.break_in_series === 1) ? 1 : 0,
      };
      if (!before) added.push({ row, values });
      else if (
        before.value !== values.value ||
        before.source !== values.source ||
        before.notes !== values.notes ||
        before.break_in_series !== values.break_in_series
      )
        changed.push({ row, values, before });
      else continue;
      if (changes.length < IMPORT_CHANGES_LISTED)
        changes.push({
          state: { slug: row.state.slug, iso2: row.state.iso2, iso3: row.state.iso3 },
          year: row.year,
          before: before?.value ?? null,
          after: row.value,
        });
    }
    const result: ObservationImport = {
      indicator: indicator.code,
      format: layout.format,
      applied: false,
      rows: rows.length,
      added: added.length,
      changed: changed.length,
      unchanged: rows.length - added.length - changed.length,
      changes,
    };
    if (query.mode === 'preview') return result;

    const now = clock();
    const at = now.toISOString();
    const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
    /** Someone wrote a value of this indicator since the file was read: the whole import is undone. */
    const stale = () => new ProblemError(409, 'conflict', 'observatory.importStale');
    try {
      await db.transaction().execute(async (trx) => {
        await insertObservations(
          trx,
          added.map(({ row, values }) => ({
            id: uuidv7(),
            indicator_id: indicator.id,
            member_state_id: row.state.id,
            year: row.year,
            ...values,
            status: 'published',
            reviewed_by: userId,
            reviewed_at: at,
            review_reason: query.reason,
            created_at: at,
            updated_at: at,
          })),
        );
        for (const { values, before } of changed) {
          const written = await updateUnchanged(
            trx,
            'observation',
            before.id,
            { version: before.version },
            { ...values, reviewed_by: userId, reviewed_at: at, review_reason: query.reason, updated_at: at },
          );
          if (!written) throw stale();
          await insertRevision(trx, {
            id: uuidv7(),
            observation_id: before.id,
            value: before.value,
            source: before.source,
            notes: before.notes,
            break_in_series: before.break_in_series,
            changed_by: userId,
            reason: query.reason,
            at,
          });
        }
        await recordAudit(
          trx,
          ctx,
          {
            action: 'observatory.import',
            role,
            entityType: 'indicator',
            entityId: indicator.id,
            before: null,
            after: {
              indicator: indicator.code,
              format: result.format,
              rows: result.rows,
              added: result.added,
              changed: result.changed,
              unchanged: result.unchanged,
              reason: query.reason,
            },
          },
          now,
        );
      });
    } catch (error) {
      // Another import or a correction published a value for a state and year this one adds.
      if (isUniqueViolation(error)) throw stale();
      throw error;
    }
    return { ...result, applied: true };
  };
}
