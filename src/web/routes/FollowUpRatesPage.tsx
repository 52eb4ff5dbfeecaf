import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { Cycle, Rates } from '../../contract/follow-up.js';
import type { Subregion } from '../../contract/reference.js';
import { RATE_GROUPS, type RateGroup } from '../../domain/follow-up.js';
import { TableWrap } from '../features/account/TableWrap.js';
import { ExportLinks } from '../features/follow-up/ExportLinks.js';
import { documentTitle, type FollowUpContext, FollowUpFrame } from '../features/follow-up/FollowUpFrame.js';
import { rateGroupLabel } from '../features/follow-up/labels.js';
import { useRates } from '../features/follow-up/queries.js';
import { subregionLabel } from '../features/member-states/subregions.js';
import { AmericasMap, ColourLegend } from '../features/observatory/AmericasMap.js';
import { ChartFigure } from '../features/observatory/ChartFigure.js';
import { classScale } from '../features/observatory/colours.js';
import { RankingChart } from '../features/observatory/RankingChart.js';
import { FilterBar } from '../features/shared/FilterBar.js';
import { formatPercent } from '../features/shared/format.js';
import { QueryState } from '../features/shared/QueryState.js';
import { useLang } from '../features/shared/useLang.js';
import { useTranslation } from '../i18n/react.js';
import type { TFunction } from '../i18n/translator.js';
import '../features/follow-up/follow-up.css';

/** Rates are percentages: five classes of 20 points each, the same in every cycle so maps compare. */
const RATE_SCALE = classScale([20, 40, 60, 80]);

/** Implementation rates of a cycle by state (with the map), pillar, document or subregion, and
 * their change across cycles. The choices live in the address (a GET form). */
export function FollowUpRatesPage() {
  const { t } = useTranslation();
  return (
    <FollowUpFrame
      title={t('followUp.public.ratesTitle')}
      description={t('followUp.public.ratesDescription')}
      lead={t('followUp.public.ratesLead')}
    >
      {(context) => <RatesView context={context} />}
    </FollowUpFrame>
  );
}

/** The name a reader reads for a rate's key: a state's, a pillar's, a document's title, a subregion. */
function useKeyName(names: FollowUpContext): (by: RateGroup, key: string) => string {
  const { t } = useTranslation();
  return useMemo(() => {
    const maps: Record<Exclude<RateGroup, 'subregion'>, Map<string, string>> = {
      state: new Map(names.states.map((s) => [s.slug, s.name.text])),
      pillar: new Map(names.pillars.map((p) => [p.code, p.name.text])),
      document: new Map(names.documents.map((d) => [d.slug, documentTitle(d)])),
    };
    return (by, key) => (by === 'subregion' ? subregionLabel(t, key as Subregion) : (maps[by].get(key) ?? key));
  }, [names, t]);
}

function RatesView({ context }: { context: FollowUpContext }) {
  const { cycles, cycle } = context;
  const { t } = useTranslation();
  const lang = useLang();
  const [params] = useSearchParams();
  const by: RateGroup = RATE_GROUPS.find((g) => g === params.get('by')) ?? 'state';
  // Oldest first, as a change across cycles reads.
  const history = useMemo(() => [...cycles].reverse().map((c) => c.id), [cycles]);
  const ofState = useRates([cycle.id], 'state');
  const across = useRates(history, by);
  const nameOf = useKeyName(context);
  const percent = (value: number) => formatPercent(value, lang);
  return (
    <>
      <FilterBar
        fields={[
          {
            name: 'cycle',
            label: t('followUp.public.cycle'),
            options: cycles.map((c) => ({ value: c.id, label: c.name.text })),
            fallback: cycle.id,
          },
          {
            name: 'by',
            label: t('followUp.public.groupBy'),
            options: RATE_GROUPS.map((g) => ({ value: g, label: rateGroupLabel(t, g) })),
            fallback: 'state',
          },
        ]}
      />
      <p className="chart-note">{t('followUp.public.rateMethod')}</p>

      <section aria-labelledby="rates-map">
        <h2 id="rates-map">{t('followUp.public.mapTitle')}</h2>
        <QueryState query={ofState}>
          {([rates]) => (rates ? <RateMap rates={rates} cycle={cycle} nameOf={nameOf} percent={percent} /> : null)}
        </QueryState>
      </section>

      <QueryState query={across}>
        {(all) => {
          const rates = all[history.indexOf(cycle.id)];
          return (
            <>
              <section aria-labelledby="rates-by">
                <h2 id="rates-by">{t('followUp.public.ratesBy', { by: rateGroupLabel(t, by) })}</h2>
                {rates && <RateChart rates={rates} cycle={cycle} nameOf={nameOf} />}
              </section>
              {history.length > 1 && (
                <section aria-labelledby="rates-change">
                  <h2 id="rates-change">{t('followUp.public.changeTitle')}</h2>
                  <ChangeTable cycles={[...cycles].reverse()} all={all} by={by} nameOf={nameOf} percent={percent} />
                </section>
              )}
            </>
          );
        }}
      </QueryState>
    </>
  );
}

const credit = (t: TFunction) => ({ attribution: t('followUp.public.credit') });

/** The table's columns and rows of a cycle's rates: each group's counts and rate. */
function rateTable(t: TFunction, rates: Rates, nameOf: (by: RateGroup, key: string) => string) {
  return {
    columns: [
      { label: rateGroupLabel(t, rates.by) },
      { label: t('followUp.public.reported'), digits: 0 },
      { label: t('followUp.public.implemented'), digits: 0 },
      { label: t('followUp.public.notApplicable'), digits: 0 },
      { label: t('followUp.public.rate'), digits: 1 },
    ],
    rows: rates.items.map((r) => [nameOf(rates.by, r.key), r.reported, r.implemented, r.notApplicable, r.rate]),
  };
}

function RateMap({
  rates,
  cycle,
  nameOf,
  percent,
}: {
  rates: Rates;
  cycle: Cycle;
  nameOf: (by: RateGroup, key: string) => string;
  percent: (value: number) => string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const values = new Map(rates.items.flatMap((r) => (r.rate === null ? [] : [[r.key, r.rate] as const])));
  const names = new Map(cycle.states.map((slug) => [slug, nameOf('state', slug)]));
  const caption = t('followUp.public.mapCaption', { cycle: cycle.name.text });
  const { columns, rows } = rateTable(t, rates, nameOf);
  return (
    <>
      <ColourLegend scale={RATE_SCALE} label={t('followUp.public.legend')} format={percent} />
      <ChartFigure caption={caption} source={credit(t)} filename="follow-up-map" columns={columns} rows={rows}>
        <AmericasMap
          values={values}
          names={names}
          scale={RATE_SCALE}
          hrefOf={(slug) => `/${lang}/follow-up/states/${slug}`}
          label={caption}
          format={percent}
        />
      </ChartFigure>
      <ExportLinks path="/follow-up/rates" query={{ cycle: cycle.id, by: 'state' }} />
    </>
  );
}

function RateChart({
  rates,
  cycle,
  nameOf,
}: {
  rates: Rates;
  cycle: Cycle;
  nameOf: (by: RateGroup, key: string) => string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const ranked = rates.items
    .flatMap((r) => (r.rate === null ? [] : [{ slug: r.key, name: nameOf(rates.by, r.key), value: r.rate }]))
    .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name, lang));
  const caption = t('followUp.public.chartCaption', { by: rateGroupLabel(t, rates.by), cycle: cycle.name.text });
  const { columns, rows } = rateTable(t, rates, nameOf);
  if (rates.items.length === 0) return <p className="empty">{t('followUp.public.noRates')}</p>;
  return (
    <>
      <ChartFigure
        caption={caption}
        source={credit(t)}
        filename={`follow-up-rates-${rates.by}`}
        columns={columns}
        rows={rows}
      >
        <RankingChart ranked={ranked} scale={RATE_SCALE} label={caption} />
      </ChartFigure>
      <ExportLinks path="/follow-up/rates" query={{ cycle: cycle.id, by: rates.by }} />
    </>
  );
}

/** Each group's rate in every cycle, oldest first, and the change from its first rate to its last. */
function ChangeTable({
  cycles,
  all,
  by,
  nameOf,
  percent,
}: {
  cycles: Cycle[];
  all: Rates[];
  by: RateGroup;
  nameOf: (by: RateGroup, key: string) => string;
  percent: (value: number) => string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const perCycle = all.map((rates) => new Map(rates.items.map((r) => [r.key, r.rate])));
  const keys = [...new Set(all.flatMap((rates) => rates.items.map((r) => r.key)))].sort((a, b) =>
    nameOf(by, a).localeCompare(nameOf(by, b), lang),
  );
  const points = new Intl.NumberFormat(lang, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const caption = t('followUp.public.changeCaption', { by: rateGroupLabel(t, by) });
  if (keys.length === 0) return <p className="empty">{t('followUp.public.noRates')}</p>;
  return (
    <TableWrap label={caption}>
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{rateGroupLabel(t, by)}</th>
            {cycles.map((c) => (
              <th key={c.id} scope="col">
                {c.name.text}
              </th>
            ))}
            <th scope="col">{t('followUp.public.change')}</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => {
            const seen = perCycle.map((m) => m.get(key) ?? null);
            const known = seen.filter((r): r is number => r !== null);
            const first = known[0];
            const last = known[known.length - 1];
            return (
              <tr key={key}>
                <th scope="row">{nameOf(by, key)}</th>
                {seen.map((rate, i) => (
                  <td key={cycles[i]?.id} className="numeric">
                    {rate === null ? '—' : percent(rate)}
                  </td>
                ))}
                <td className="numeric">
                  {known.length > 1 && first !== undefined && last !== undefined
                    ? t('followUp.public.points', { value: points.format(last - first) })
                    : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}
