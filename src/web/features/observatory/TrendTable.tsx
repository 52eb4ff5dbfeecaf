import type { TrendList } from '../../../contract/indicators.js';
import { useTranslation } from '../../i18n/react.js';
import { TableWrap } from '../account/TableWrap.js';
import { byName } from '../shared/byName.js';
import { useLang } from '../shared/useLang.js';
import { Attribution } from './Attribution.js';
import { formatValue } from './format.js';
import { trendFlagLabel } from './labels.js';

/** Every state's trend over the window: the Theil–Sen change per year, the Mann–Kendall p-value and
 * the flag, or "not enough data"; with the method as the API states it. */
export function TrendTable({
  trends,
  names,
  unit,
}: {
  trends: TrendList;
  names: ReadonlyMap<string, string>;
  unit: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const rows = byName(trends.items, (item) => names.get(item.state.slug) ?? item.state.iso3, lang);
  return (
    <>
      <p className="chart-note">{trends.method}</p>
      <TableWrap label={t('observatory.trendsTitle', { from: trends.from, to: trends.to })}>
        <table className="data-table trend-table">
          <caption className="visually-hidden">
            {t('observatory.trendsTitle', { from: trends.from, to: trends.to })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('observatory.state')}</th>
              <th scope="col">{t('observatory.points')}</th>
              <th scope="col">{t('observatory.slope', { unit })}</th>
              <th scope="col">{t('observatory.pValue')}</th>
              <th scope="col">{t('observatory.trend')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((item) => (
              <tr key={item.state.slug}>
                <th scope="row">{names.get(item.state.slug) ?? item.state.iso3}</th>
                <td className="numeric">{item.n}</td>
                <td className="numeric">{item.slope === null ? '—' : formatValue(item.slope, lang, 3)}</td>
                <td className="numeric">{item.p === null ? '—' : formatValue(item.p, lang, 3)}</td>
                <td>
                  <span className={`trend-flag trend-flag--${item.flag}`}>{trendFlagLabel(t, item.flag)}</span>
                  {item.breakInSeries && <> · {t('observatory.breakInSeries')}</>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <Attribution source={trends.source} />
    </>
  );
}
