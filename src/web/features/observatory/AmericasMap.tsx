import type { MouseEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from '../../i18n/react.js';
import { useLang } from '../shared/useLang.js';
import shapes from './americas-map.json' with { type: 'json' };
import type { ColourScale } from './colours.js';
import { formatValue } from './format.js';

/**
 * A choropleth of the member states for one year (outlines projected ahead of time by
 * scripts/observatory/americas-map.ts). Each state is a link to its series; the Lesser Antilles,
 * too small to see on the continent, are drawn again and linked in an inset, and other small
 * states get a marker.
 */
export function AmericasMap({
  values,
  names,
  scale,
  hrefOf,
  label,
  format,
}: {
  values: ReadonlyMap<string, number>;
  names: ReadonlyMap<string, string>;
  scale: ColourScale;
  hrefOf: (slug: string) => string;
  label: string;
  /** How a value reads (a percentage, a rate per 100,000); a plain number by default. */
  format?: (value: number) => string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const show = format ?? ((value: number) => formatValue(value, lang));
  const navigate = useNavigate();
  const { inset } = shapes;
  const title = (slug: string) => {
    const value = values.get(slug);
    return `${names.get(slug) ?? slug}: ${value === undefined ? t('observatory.noData') : show(value)}`;
  };
  // In the browser a click moves within the portal without reloading it.
  const follow = (href: string) => (event: MouseEvent) => {
    event.preventDefault();
    navigate(href, { preventScrollReset: true });
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG has no fieldset; the group names the map's state links for screen readers
    <svg
      data-chart=""
      className="americas-map"
      viewBox={`0 0 ${shapes.width} ${shapes.height}`}
      role="group"
      aria-label={label}
    >
      <rect className="americas-map__sea" width={shapes.width} height={shapes.height} />
      {shapes.states.map((state) => {
        const fill = scale.colourOf(values.get(state.slug));
        // A state of the inset is linked there; its outline here is only a picture.
        if (state.inset) return <path key={state.slug} d={state.d} fill={fill} className="americas-map__state" />;
        const href = hrefOf(state.slug);
        return (
          <a key={state.slug} href={href} onClick={follow(href)} aria-label={title(state.slug)}>
            <path d={state.d} fill={fill} className="americas-map__state" />
            {state.marker && (
              <circle cx={state.marker[0]} cy={state.marker[1]} r={6} fill={fill} className="americas-map__marker" />
            )}
          </a>
        );
      })}
      <g className="americas-map__inset">
        <rect x={inset.x} y={inset.y} width={inset.width} height={inset.height} />
        <text x={inset.x + 8} y={inset.y + 16}>
          {t('observatory.inset')}
        </text>
        {shapes.states
          .filter((state) => state.inset)
          .map((state) => {
            const href = hrefOf(state.slug);
            return (
              <a key={state.slug} href={href} onClick={follow(href)} aria-label={title(state.slug)}>
                <path
                  d={state.inset ?? ''}
                  fill={scale.colourOf(values.get(state.slug))}
                  className="americas-map__state"
                />
              </a>
            );
          })}
      </g>
    </svg>
  );
}

/** The classes of the map's colours, as a list the reader can read aloud. */
export function ColourLegend({
  scale,
  label,
  format,
}: {
  scale: ColourScale;
  label: string;
  format?: (value: number) => string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const show = format ?? ((value: number) => formatValue(value, lang));
  const bounds = [null, ...scale.thresholds, null];
  return (
    <ul className="colour-legend" aria-label={label}>
      {scale.colours.map((colour, i) => {
        const low = bounds[i];
        const high = bounds[i + 1];
        return (
          <li key={colour}>
            <span className="colour-legend__swatch" style={{ background: colour }} aria-hidden="true" />
            {low === null || low === undefined
              ? t('observatory.below', { value: show(high ?? 0) })
              : high === null || high === undefined
                ? t('observatory.atLeast', { value: show(low) })
                : t('observatory.between', { low: show(low), high: show(high) })}
          </li>
        );
      })}
      <li>
        <span className="colour-legend__swatch colour-legend__swatch--none" aria-hidden="true" />
        {t('observatory.noData')}
      </li>
    </ul>
  );
}
