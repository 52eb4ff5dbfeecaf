import { type ReactNode, useMemo } from 'react';
import { useParams, useSearchParams } from 'react-router';
import type { AggregateList, IndicatorDetail, ObservationList, TrendList } from '../../contract/indicators.js';
import type { MemberState } from '../../contract/reference.js';
import { isNotFound } from '../api/client.js';
import { useMemberStates } from '../features/member-states/queries.js';
import { subregionLabel } from '../features/member-states/subregions.js';
import { AmericasMap, ColourLegend } from '../features/observatory/AmericasMap.js';
import { Attribution } from '../features/observatory/Attribution.js';
import { ChartFigure } from '../features/observatory/ChartFigure.js';
import { colourScale } from '../features/observatory/colours.js';
import { ImportValues } from '../features/observatory/ImportValues.js';
import { unitLabel } from '../features/observatory/labels.js';
import { useAggregates, useIndicator, useObservations, useTrends } from '../features/observatory/queries.js';
import { RankingChart } from '../features/observatory/RankingChart.js';
import { type Series, SeriesChart } from '../features/observatory/SeriesChart.js';
import { TrendTable } from '../features/observatory/TrendTable.js';
import { byName } from '../features/shared/byName.js';
import { Localized } from '../features/shared/Localized.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { useLang } from '../features/shared/useLang.js';
import { useTranslation } from '../i18n/react.js';
import { NotFoundPage } from './NotFoundPage.js';

/** One indicator: a state's series against chosen states and the aggregates (its subregion's and
 * the region's median, the population-weighted mean where population is loaded), the map and the
 * ranking of a year, and every state's trend. The choices live in the address (state, compare,
 * year), so a view can be shared, and the server renders it. */
export function IndicatorPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const indicator = useIndicator(code);
  const observations = useObservations(code);
  const trends = useTrends(code);
  const aggregates = useAggregates(code);
  const states = useMemberStates();
  if (isNotFound(indicator.error)) return <NotFoundPage />;
  return (
    <>
      <PageMeta
        title={indicator.data?.name.text ?? t('observatory.title')}
        description={indicator.data?.definition.text ?? t('observatory.description')}
      />
      <QueryState query={indicator}>
        {(detail) => (
          <QueryState query={observations}>
            {(list) => (
              <QueryState query={trends}>
                {(trendList) => (
                  <QueryState query={aggregates}>
                    {(aggregateList) => (
                      <QueryState query={states}>
                        {(memberStates) => (
                          <IndicatorView
                            indicator={detail}
                            list={list}
                            trends={trendList}
                            aggregates={aggregateList}
                            states={memberStates}
                          />
                        )}
                      </QueryState>
                    )}
                  </QueryState>
                )}
              </QueryState>
            )}
          </QueryState>
        )}
      </QueryState>
    </>
  );
}

function IndicatorView({
  indicator,
  list,
  trends,
  aggregates,
  states,
}: {
  indicator: IndicatorDetail;
  list: ObservationList;
  trends: TrendList;
  aggregates: AggregateList;
  states: MemberState[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const sorted = useMemo(() => byName(states, (s) => s.name.text, lang), [states, lang]);
  const names = useMemo(() => new Map(states.map((s) => [s.slug, s.name.text])), [states]);
  const known = (slug: string | null) => (slug && names.has(slug) ? slug : null);
  const chosen = known(params.get('state')) ?? sorted[0]?.slug ?? '';
  const compared = params.getAll('compare').filter((slug) => names.has(slug) && slug !== chosen);
  // The chosen states as one value, so the series are rebuilt only when the choice changes.
  const shown = [chosen, ...compared].join(',');
  const first = indicator.firstYear ?? 0;
  const last = indicator.lastYear ?? 0;
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= first && asked <= last ? asked : last;
  const unit = unitLabel(t, indicator.unit);
  const name = indicator.name.text;

  const subregion = states.find((s) => s.slug === chosen)?.subregion;
  const subregionName = subregion ? subregionLabel(t, subregion) : '';

  const series = useMemo<Series[]>(() => {
    const of = (slug: string) =>
      list.items.filter((o) => o.state.slug === slug).map((o) => ({ year: o.year, value: o.value }));
    const aggregate = (area: string, statistic: string) =>
      aggregates.items.find((a) => a.area === area && a.statistic === statistic)?.points ?? [];
    const shownAggregates: Series[] = [
      {
        name: t('observatory.subregionMedian', { subregion: subregionName }),
        points: subregion ? aggregate(subregion, 'median') : [],
        aggregate: true,
      },
      { name: t('observatory.median'), points: aggregate('region', 'median'), aggregate: true },
    ];
    if (aggregates.populationLoaded)
      shownAggregates.push({
        name: t('observatory.weightedMean'),
        points: aggregate('region', 'population-weighted-mean'),
        aggregate: true,
      });
    return [
      ...shown.split(',').map((slug) => ({ name: names.get(slug) ?? slug, points: of(slug) })),
      ...shownAggregates.filter((s) => s.points.length > 0),
    ];
  }, [list, aggregates, shown, names, subregion, subregionName, t]);
  const seriesNames = series.map((s) => s.name).join(', ');

  const inYear = useMemo(
    () => new Map(list.items.filter((o) => o.year === year).map((o) => [o.state.slug, o.value])),
    [list, year],
  );
  const scale = useMemo(() => colourScale([...inYear.values()]), [inYear]);
  const ranked = [...inYear.entries()]
    .map(([slug, value]) => ({ slug, name: names.get(slug) ?? slug, value }))
    .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name, lang));

  // The map and the ranking show the same figures: one table of them.
  const yearColumns = [{ label: t('observatory.rank') }, { label: t('observatory.state') }, { label: unit, digits: 2 }];
  const yearRows = ranked.map((r, i) => [i + 1, r.name, r.value]);

  function choose(next: Record<string, string | string[]>) {
    const search = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      search.delete(key);
      for (const v of Array.isArray(value) ? value : [value]) search.append(key, v);
    }
    setParams(search, { replace: true, preventScrollReset: true });
  }
  const hrefOf = (slug: string) => {
    const search = new URLSearchParams(params);
    search.set('state', slug);
    search.set('year', String(year));
    return `/${lang}/observatory/${indicator.code}?${search}#series`;
  };
  const filename = (what: string) => `${indicator.code}-${what}`;

  return (
    <>
      <PageHeader
        kicker={t('observatory.title')}
        title={<Localized value={indicator.name} />}
        lead={<Localized value={indicator.definition} />}
      />
      <div className="container page-body observatory">
        <dl className="facts">
          <div>
            <dt>{t('observatory.unit')}</dt>
            <dd>{unit}</dd>
          </div>
          {indicator.iccsCode && (
            <div>
              <dt>{t('observatory.iccs')}</dt>
              <dd>{indicator.iccsCode}</dd>
            </div>
          )}
          {indicator.sdgCode && (
            <div>
              <dt>{t('observatory.sdg')}</dt>
              <dd>{indicator.sdgCode}</dd>
            </div>
          )}
          <div>
            <dt>{t('observatory.years')}</dt>
            <dd>{`${first}–${last}`}</dd>
          </div>
        </dl>
        <Attribution source={indicator.source} />
        <p>
          {t('observatory.downloadAll')}{' '}
          <a href={`/api/v1/indicators/${indicator.code}/observations?format=csv`}>CSV</a>
          {' · '}
          <a href={`/api/v1/indicators/${indicator.code}/observations?format=sdmx-csv`}>SDMX-CSV</a>
        </p>

        <section aria-labelledby="series">
          <h2 id="series">{t('observatory.seriesTitle')}</h2>
          <ChoiceForm>
            <input type="hidden" name="year" value={year} />
            <div className="filters__field">
              <label htmlFor="series-state">{t('observatory.state')}</label>
              <select
                id="series-state"
                name="state"
                value={chosen}
                onChange={(event) => choose({ state: event.target.value })}
              >
                {sorted.map((s) => (
                  <option key={s.slug} value={s.slug}>
                    {s.name.text}
                  </option>
                ))}
              </select>
            </div>
            <details className="observatory-compare">
              <summary>{t('observatory.compareWith', { chosen: compared.length })}</summary>
              <fieldset>
                <legend className="visually-hidden">{t('observatory.compareWith', { chosen: compared.length })}</legend>
                {sorted
                  .filter((s) => s.slug !== chosen)
                  .map((s) => (
                    <label key={s.slug} className="observatory-compare__option">
                      <input
                        type="checkbox"
                        name="compare"
                        value={s.slug}
                        checked={compared.includes(s.slug)}
                        onChange={(event) =>
                          choose({
                            compare: event.target.checked
                              ? [...compared, s.slug]
                              : compared.filter((c) => c !== s.slug),
                          })
                        }
                      />{' '}
                      {s.name.text}
                    </label>
                  ))}
              </fieldset>
            </details>
          </ChoiceForm>
          <ChartFigure
            caption={t('observatory.seriesCaption', { name, series: seriesNames })}
            source={indicator.source}
            filename={filename(`series-${chosen}`)}
            columns={[{ label: t('observatory.year') }, ...series.map((s) => ({ label: s.name, digits: 2 }))]}
            rows={seriesRows(series)}
          >
            <SeriesChart
              series={series}
              unit={unit}
              label={t('observatory.seriesCaption', { name, series: seriesNames })}
            />
          </ChartFigure>
          <p className="chart-note">
            {aggregates.populationLoaded
              ? t('observatory.weightedNote', { subregion: subregionName })
              : t('observatory.medianNote', { subregion: subregionName })}
          </p>
        </section>

        <section aria-labelledby="map">
          <h2 id="map">{t('observatory.mapTitle', { year })}</h2>
          <ChoiceForm>
            <input type="hidden" name="state" value={chosen} />
            {compared.map((slug) => (
              <input key={slug} type="hidden" name="compare" value={slug} />
            ))}
            <div className="filters__field observatory-year">
              <label htmlFor="map-year">{t('observatory.year')}</label>
              <input
                id="map-year"
                type="range"
                name="year"
                min={first}
                max={last}
                step={1}
                value={year}
                onChange={(event) => choose({ year: event.target.value })}
              />
              <output htmlFor="map-year">{year}</output>
            </div>
          </ChoiceForm>
          <ColourLegend scale={scale} label={t('observatory.legend', { unit })} />
          <ChartFigure
            caption={t('observatory.mapCaption', { name, year })}
            source={indicator.source}
            filename={filename(`map-${year}`)}
            columns={yearColumns}
            rows={yearRows}
          >
            <AmericasMap
              values={inYear}
              names={names}
              scale={scale}
              hrefOf={hrefOf}
              label={t('observatory.mapCaption', { name, year })}
            />
          </ChartFigure>
        </section>

        <section aria-labelledby="ranking">
          <h2 id="ranking">{t('observatory.rankingTitle', { year })}</h2>
          <ChartFigure
            caption={t('observatory.rankingCaption', { name, year })}
            source={indicator.source}
            filename={filename(`ranking-${year}`)}
            columns={yearColumns}
            rows={yearRows}
          >
            <RankingChart ranked={ranked} scale={scale} label={t('observatory.rankingCaption', { name, year })} />
          </ChartFigure>
        </section>

        <section aria-labelledby="trends">
          <h2 id="trends">{t('observatory.trendsTitle', { from: trends.from, to: trends.to })}</h2>
          <TrendTable trends={trends} names={names} unit={unit} />
        </section>

        {indicator.can.import && <ImportValues code={indicator.code} names={names} />}
      </div>
    </>
  );
}

/** The choices of a chart as a GET form: without JavaScript a button applies them and the server
 * renders the view; with it each change applies at once. */
function ChoiceForm({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <form method="get" className="filters__form observatory-choice" onSubmit={(event) => event.preventDefault()}>
      {children}
      <noscript>
        <button type="submit" className="button">
          {t('filters.apply')}
        </button>
      </noscript>
    </form>
  );
}

/** One row per year of any series: the year, then each series' value (empty where it has none). */
function seriesRows(series: Series[]): Array<Array<number | null>> {
  const years = [...new Set(series.flatMap((s) => s.points.map((p) => p.year)))].sort((a, b) => a - b);
  const values = series.map((s) => new Map(s.points.map((p) => [p.year, p.value])));
  return years.map((year) => [year, ...values.map((v) => v.get(year) ?? null)]);
}
