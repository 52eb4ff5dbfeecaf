import { useTranslation } from 'react-i18next';
import type { Indicator } from '../../../contract/indicators.js';
import { LangLink } from '../shared/LangLink.js';
import { Localized } from '../shared/Localized.js';
import { QueryState } from '../shared/QueryState.js';
import { useLang } from '../shared/useLang.js';
import { Attribution } from './Attribution.js';
import { formatValue } from './format.js';
import { trendFlagLabel, unitLabel } from './labels.js';
import { useIndicators, useObservations, useTrends } from './queries.js';

/** A member state's indicators on its page: the latest value of each, and its trend. */
export function StateIndicators({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const indicators = useIndicators();
  return (
    <section aria-labelledby="state-indicators">
      <h2 id="state-indicators">{t('observatory.indicatorsTitle')}</h2>
      <QueryState query={indicators}>
        {(list) =>
          list.items.length === 0 ? (
            <p>{t('observatory.noIndicators')}</p>
          ) : (
            <ul className="plain-list">
              {list.items.map((indicator) => (
                <StateIndicator key={indicator.code} indicator={indicator} slug={slug} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

function StateIndicator({ indicator, slug }: { indicator: Indicator; slug: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const values = useObservations(indicator.code, slug);
  const trends = useTrends(indicator.code);
  const unit = unitLabel(t, indicator.unit);
  return (
    <li className="indicator-card">
      <h3>
        <LangLink to={`/observatory/${indicator.code}?state=${slug}`}>
          <Localized value={indicator.name} />
        </LangLink>
      </h3>
      <QueryState query={values}>
        {(list) => {
          const latest = list.items.at(-1);
          return latest ? (
            <p>
              {t('observatory.latest')}: {formatValue(latest.value, lang)} {unit} ({latest.year})
            </p>
          ) : (
            <p>{t('observatory.noIndicatorValues')}</p>
          );
        }}
      </QueryState>
      <QueryState query={trends}>
        {(list) => {
          const mine = list.items.find((item) => item.state.slug === slug);
          return (
            mine && (
              <p>
                {t('observatory.trendsTitle', { from: list.from, to: list.to })}: {trendFlagLabel(t, mine.flag)}
                {mine.slope !== null && ` (${t('observatory.slope', { unit })}: ${formatValue(mine.slope, lang, 3)})`}
              </p>
            )
          );
        }}
      </QueryState>
      <Attribution source={indicator.source} />
    </li>
  );
}
