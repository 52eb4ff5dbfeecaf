/** The observatory's indicators and their yearly observations (issue 14). */

import { plainCell } from './csv.js';

/** Where an indicator's figures come from: police and courts, death registration, or surveys. */
export const INDICATOR_SOURCE_TYPES = ['criminal-justice', 'public-health', 'survey', 'other'] as const;
export type IndicatorSourceType = (typeof INDICATOR_SOURCE_TYPES)[number];

/** A submitted value waits for the secretariat; only published values are public. */
export const OBSERVATION_STATUSES = ['published', 'submitted', 'rejected'] as const;
export type ObservationStatus = (typeof OBSERVATION_STATUSES)[number];

/** How the observations are given: by `format=` or by the Accept header. */
export const OBSERVATION_FORMATS = ['json', 'csv', 'sdmx-csv'] as const;
export type ObservationFormat = (typeof OBSERVATION_FORMATS)[number];

/** The years observations may name: the series begin in 1990; nothing before 1900 is statistics. */
export const OBSERVATION_YEAR_MIN = 1900;
export const OBSERVATION_YEAR_MAX = 2100;

export const INDICATOR_CODE_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const INDICATOR_CODE_MAX = 60;
export const INDICATOR_TEXT_MAX = 2000;
export const OBSERVATION_SOURCE_MAX = 500;
export const OBSERVATION_NOTES_MAX = 2000;
export const REVISION_REASON_MAX = 1000;

/** The SDMX-CSV (SDMX 2.0) columns of an export: STRUCTURE, STRUCTURE_ID and ACTION, then the
 * dimensions (REF_AREA as ISO 3166-1 alpha-3, TIME_PERIOD), the measure and the attributes. */
export const SDMX_CSV_HEADER = [
  'STRUCTURE',
  'STRUCTURE_ID',
  'ACTION',
  'REF_AREA',
  'TIME_PERIOD',
  'OBS_VALUE',
  'UNIT_MEASURE',
  'OBS_STATUS',
] as const;

/** SDMX's observation status code list (CL_OBS_STATUS): A normal value, B break in series. */
export const sdmxObsStatus = (breakInSeries: boolean): 'A' | 'B' => (breakInSeries ? 'B' : 'A');

/** How many of the values an import adds or changes its reply lists (the counts are complete). */
export const IMPORT_CHANGES_LISTED = 500;

/** A value of an import file as read from its cells, before its checks. */
export interface ImportCells {
  state: string;
  year: string;
  value: string;
  source?: string;
  notes?: string;
  breakInSeries?: string;
  /** SDMX's ACTION (I, A, R or D) or the plain CSV's `indicator` column, when the file has them. */
  action?: string;
  indicator?: string;
}
export type ImportField = keyof ImportCells;

/**
 * Where each field is in a file's header. An import reads both of the observations' exports:
 * SDMX-CSV (its first column is STRUCTURE) and the plain CSV, whose column names it matches without
 * regard to case, taking the first of a field's names the header has (alpha-3 before alpha-2).
 */
const IMPORT_COLUMNS: Record<'csv' | 'sdmx-csv', Record<ImportField, readonly string[]>> = {
  'sdmx-csv': {
    state: ['ref_area'],
    year: ['time_period'],
    value: ['obs_value'],
    source: [],
    notes: [],
    breakInSeries: ['obs_status'],
    action: ['action'],
    indicator: [],
  },
  csv: {
    state: ['ref_area_iso3', 'ref_area_iso2', 'ref_area', 'state'],
    year: ['year', 'time_period'],
    value: ['value', 'obs_value'],
    source: ['source'],
    notes: ['notes'],
    breakInSeries: ['break_in_series'],
    action: [],
    indicator: ['indicator'],
  },
};
const REQUIRED_FIELDS = ['state', 'year', 'value'] as const;

export interface ImportLayout {
  format: 'csv' | 'sdmx-csv';
  /** The column of each field the file has, and its name as the file spells it. */
  columns: Partial<Record<ImportField, { index: number; name: string }>>;
}

/** The layout of a file from its header, or the required columns it lacks (as the CSV export names them). */
export function importLayout(header: readonly string[]): ImportLayout | { missing: string[] } {
  const names = header.map((name) => name.trim().toLowerCase());
  const format = names[0] === 'structure' ? 'sdmx-csv' : 'csv';
  const columns: ImportLayout['columns'] = {};
  for (const [field, candidates] of Object.entries(IMPORT_COLUMNS[format]) as [ImportField, string[]][]) {
    const index = candidates.map((name) => names.indexOf(name)).find((at) => at >= 0);
    if (index !== undefined) columns[field] = { index, name: (header[index] as string).trim() };
  }
  const missing = REQUIRED_FIELDS.filter((field) => !columns[field]).map(
    (field) => IMPORT_COLUMNS[format][field][0] as string,
  );
  return missing.length > 0 ? { missing } : { format, columns };
}

/** One record's cells by field; SDMX's OBS_STATUS B (break in series) read as the plain CSV's flag. */
export function importCells(layout: ImportLayout, record: readonly string[]): ImportCells {
  const cell = (field: ImportField) => {
    const column = layout.columns[field];
    return column ? plainCell((record[column.index] ?? '').trim()) : undefined;
  };
  const status = cell('breakInSeries');
  const cells: ImportCells = { state: cell('state') ?? '', year: cell('year') ?? '', value: cell('value') ?? '' };
  for (const field of ['source', 'notes', 'action', 'indicator'] as const) {
    const text = cell(field);
    if (text) cells[field] = text;
  }
  if (status) cells.breakInSeries = layout.format === 'sdmx-csv' ? String(status.toUpperCase() === 'B') : status;
  return cells;
}

/** SDMX actions an import applies: information, append and replace all set the value; delete is refused. */
export const SDMX_ACTIONS_APPLIED = ['I', 'A', 'R'] as const;
