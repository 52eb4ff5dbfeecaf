import { useLang } from '../shared/useLang.js';
import type { ColourScale } from './colours.js';
import { formatValue } from './format.js';

const ROW = 20;
const LABEL = 170;
const WIDTH = 600;

/** The states with a value for the year, largest first, as horizontal bars in the map's colours. */
export function RankingChart({
  ranked,
  scale,
  label,
}: {
  ranked: ReadonlyArray<{ slug: string; name: string; value: number }>;
  scale: ColourScale;
  label: string;
}) {
  const lang = useLang();
  const max = Math.max(0, ...ranked.map((r) => r.value)) || 1;
  const bar = WIDTH - LABEL - 60;
  const height = ranked.length * ROW + 4;
  return (
    <svg data-chart="" className="ranking-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={label}>
      {ranked.map((row, i) => (
        <g key={row.slug} transform={`translate(0 ${i * ROW + 2})`}>
          <text x={LABEL - 6} y={ROW * 0.7} textAnchor="end">
            {row.name}
          </text>
          <rect x={LABEL} y={2} height={ROW - 5} width={(row.value / max) * bar} fill={scale.colourOf(row.value)} />
          <text x={LABEL + (row.value / max) * bar + 4} y={ROW * 0.7}>
            {formatValue(row.value, lang, 1)}
          </text>
        </g>
      ))}
    </svg>
  );
}
