import type { ObservationList } from '../../../contract/indicators.js';
import { type ObservationFormat, SDMX_CSV_HEADER, sdmxObsStatus } from '../../../domain/indicators.js';
import { csvRow } from '../../http/csv.js';

/** The media types of the observation exports; SDMX-CSV's is the one the SDMX 2.0 REST API names. */
export const MEDIA_TYPES: Record<ObservationFormat, string> = {
  json: 'application/json',
  csv: 'text/csv',
  'sdmx-csv': 'application/vnd.sdmx.data+csv',
};

/** Plain CSV: one row per value, with the attribution the source asks for on every row (so it
 * travels with any rows copied out of the file). Cells are neutralised against formulas. */
export function observationsCsv(list: ObservationList): string {
  const header = csvRow([
    'indicator',
    'ref_area_iso3',
    'ref_area_iso2',
    'year',
    'value',
    'unit',
    'status',
    'break_in_series',
    'source',
    'notes',
    'attribution',
  ]);
  return (
    header +
    list.items
      .map((item) =>
        csvRow([
          list.indicator,
          item.state.iso3,
          item.state.iso2,
          item.year,
          item.value,
          list.unit,
          item.status,
          item.breakInSeries ? 'true' : 'false',
          item.source,
          item.notes,
          list.source.attribution,
        ]),
      )
      .join('')
  );
}

/** SDMX-CSV (SDMX 2.0): the dataflow's id, action I (information), REF_AREA as ISO alpha-3. */
export function observationsSdmxCsv(list: ObservationList): string {
  const flow = `MISPA:${list.indicator.toUpperCase().replaceAll('-', '_')}(1.0)`;
  return (
    csvRow([...SDMX_CSV_HEADER]) +
    list.items
      .map((item) =>
        csvRow([
          'dataflow',
          flow,
          'I',
          item.state.iso3,
          String(item.year),
          item.value,
          list.unit,
          sdmxObsStatus(item.breakInSeries),
        ]),
      )
      .join('')
  );
}

/** RFC 8288 Link to the source, with the attribution as its title (RFC 8187 encoding, any language). */
export const attributionLink = (list: ObservationList) =>
  `<${encodeURI(list.source.url)}>; rel="cite-as"; title*=UTF-8''${encodeURIComponent(list.source.attribution)}`;
