import { type ReactNode, useId, useRef } from 'react';
import type { IndicatorSource } from '../../../contract/indicators.js';
import { useTranslation } from '../../i18n/react.js';
import { TableWrap } from '../account/TableWrap.js';
import { useLang } from '../shared/useLang.js';
import { Attribution } from './Attribution.js';
import { downloadCsv, downloadPng, downloadSvg } from './downloads.js';
import { formatValue } from './format.js';
import '../account/account.css';
import './observatory.css';

export interface Column {
  label: string;
  /** Decimals shown for a numeric column; absent for text. */
  digits?: number;
}
export type Cell = string | number | null;

/**
 * A chart with what every chart of the portal carries: its caption, the data's attribution,
 * the same data as a table beside it (for screen readers and print), and downloads as PNG, SVG
 * and CSV. The chart itself (`children`) draws one `<svg data-chart>`.
 */
export function ChartFigure({
  caption,
  source,
  filename,
  columns,
  rows,
  children,
}: {
  caption: ReactNode;
  /** The data's source, credited under the chart; or, for the platform's own figures, the credit alone. */
  source: IndicatorSource | { attribution: string };
  filename: string;
  columns: Column[];
  rows: Cell[][];
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const chart = useRef<HTMLDivElement>(null);
  const captionId = useId();
  const svg = () => chart.current?.querySelector<SVGSVGElement>('svg[data-chart]') ?? null;
  const withSvg = (save: (element: SVGSVGElement) => unknown) => () => {
    const element = svg();
    if (element) void save(element);
  };
  const downloads = [
    [t('observatory.downloadPng'), withSvg((element) => downloadPng(element, source.attribution, filename))],
    [t('observatory.downloadSvg'), withSvg((element) => downloadSvg(element, source.attribution, filename))],
    [
      t('observatory.downloadCsv'),
      () =>
        downloadCsv(
          columns.map((c) => c.label),
          rows,
          source.attribution,
          filename,
        ),
    ],
  ] as const;
  return (
    <figure className="chart-figure" aria-labelledby={captionId}>
      <figcaption id={captionId} className="chart-figure__caption">
        {caption}
      </figcaption>
      <div className="chart-figure__body">
        <div className="chart-figure__chart" ref={chart}>
          {children}
        </div>
        <TableWrap label={t('observatory.dataTable')}>
          <table className="data-table chart-figure__table">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column.label} scope="col">
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.join('|')}>
                  {row.map((cell, i) => {
                    const digits = columns[i]?.digits;
                    return (
                      // Cells of one row are positional: the column is their identity.
                      // biome-ignore lint/suspicious/noArrayIndexKey: see above
                      <td key={i} className={digits === undefined ? undefined : 'numeric'}>
                        {typeof cell === 'number' && digits !== undefined
                          ? formatValue(cell, lang, digits)
                          : (cell ?? '—')}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </div>
      {'url' in source ? <Attribution source={source} /> : <p className="attribution">{source.attribution}</p>}
      <div className="chart-figure__downloads">
        {downloads.map(([label, save]) => (
          <button key={label} type="button" className="button button--secondary button--small" onClick={save}>
            {label}
          </button>
        ))}
      </div>
    </figure>
  );
}
