import type { StateIndicatorList } from '../../../contract/indicators.js';
import { useTranslation } from '../../i18n/react.js';
import { LangLink } from '../shared/LangLink.js';
import { Localized } from '../shared/Localized.js';
import { QueryState } from '../shared/QueryState.js';
import { useLang } from '../shared/useLang.js';
import { Attribution } from './Attribution.js';
import { formatValue } from './format.js';
import { trendFlagLabel, unitLabel } from './labels.js';
import { useStateIndicators } from './queries.js';

/** A member state's indicators on its page: the latest value of each, and its trend. */
export function StateIndicators({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const summary = useStateIndicators(slug);
  return (
    <section aria-labelledby="state-indicators">
      <h2 id="state-indicators">{t('observatory.indicatorsTitle')}</h2>
      <QueryState query={summary}>
        {(list) =>
          list.items.length === 0 ? (
            <p>{t('observatory.noIndicators')}</p>
          ) : (
            <ul className="plain-list">
              {list.items.map((item) => (
                <StateIndicator key={item.indicator.code} item={item} slug={slug} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

function StateIndicator({ item, slug }: { item: StateIndicatorList['items'][number]; slug: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { indicator, latest, trend } = item;
  const unit = unitLabel(t, indicator.unit);
  return (
    <li className="indicator-card">
      <h3>
        <LangLink to={`/observatory/${indicator.code}?state=${slug}`}>
          <Localized value={indicator.name} />
        </LangLink>
      </h3>
      {latest ? (
        <p>
          {t('observatory.latest')}: {formatValue(latest.value, lang)} {unit} ({latest.year})
        </p>
      ) : (
        <p>{t('observatory.noIndicatorValues')}</p>
      )}
      {trend && (
        <p>
          {t('observatory.trendsTitle', { from: trend.from, to: trend.to })}: {trendFlagLabel(t, trend.flag)}
          {trend.slope !== null && ` (${t('observatory.slope', { unit })}: ${formatValue(trend.slope, lang, 3)})`}
        </p>
      )}
      <Attribution source={indicator.source} />
    </li>
  );
}
