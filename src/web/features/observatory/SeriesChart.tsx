import { useEffect, useRef } from 'react';
import type { YearValue } from '../../../domain/trends.js';

/** Okabe & Ito's colours, told apart by readers with any common colour-vision deficiency. */
export const SERIES_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

export interface Series {
  name: string;
  points: YearValue[];
  /** The regional aggregate is drawn dashed, so it is told from the states without its colour. */
  aggregate?: boolean;
}

/**
 * The series of the chosen states and the regional aggregate as lines (Observable Plot,
 * docs/decisions/0006-charts.md). Plot draws with the browser's DOM, so the chart appears once the
 * page runs; the table beside it carries the same figures in the server's HTML.
 */
export function SeriesChart({ series, label, unit }: { series: Series[]; label: string; unit: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    let chart: Element | undefined;
    void import('@observablehq/plot').then((Plot) => {
      if (cancelled || !box.current) return;
      const rows = series.flatMap((s) => s.points.map((p) => ({ ...p, series: s.name })));
      const dashed = new Set(series.filter((s) => s.aggregate).map((s) => s.name));
      chart = Plot.plot({
        width: 640,
        height: 360,
        marginRight: 120,
        x: { label: null, tickFormat: 'd' },
        y: { label: unit, grid: true, zero: true },
        color: { domain: series.map((s) => s.name), range: SERIES_COLOURS },
        marks: [
          Plot.line(
            rows.filter((r) => !dashed.has(r.series)),
            { x: 'year', y: 'value', z: 'series', stroke: 'series', strokeWidth: 2, marker: 'circle-stroke' },
          ),
          Plot.line(
            rows.filter((r) => dashed.has(r.series)),
            { x: 'year', y: 'value', z: 'series', stroke: 'series', strokeWidth: 2, strokeDasharray: '6 4' },
          ),
          // Each line is named at its end, so no colour has to be matched to a legend.
          Plot.text(
            rows,
            Plot.selectLast({
              x: 'year',
              y: 'value',
              z: 'series',
              text: 'series',
              fill: 'series',
              dx: 6,
              textAnchor: 'start',
            }),
          ),
        ],
      });
      // The chart is one image named as a whole (its figures are in the table beside it): the names
      // Plot gives its inner groups are not allowed on elements without a role, so they go.
      for (const named of chart.querySelectorAll('[aria-label]')) named.removeAttribute('aria-label');
      chart.setAttribute('data-chart', '');
      chart.setAttribute('role', 'img');
      chart.setAttribute('aria-label', label);
      box.current.replaceChildren(chart);
    });
    return () => {
      cancelled = true;
      chart?.remove();
    };
  }, [series, label, unit]);
  return <div ref={box} className="series-chart" />;
}
