import type { IndicatorSource } from '../../../contract/indicators.js';
import { useTranslation } from '../../i18n/react.js';

/** The credit the data's source asks for, with its licence: shown wherever the data appears. */
export function Attribution({ source }: { source: IndicatorSource }) {
  const { t } = useTranslation();
  return (
    <p className="attribution">
      {t('observatory.source')} <a href={source.url}>{source.attribution}</a>{' '}
      {source.licenceUrl ? <a href={source.licenceUrl}>{source.licence}</a> : source.licence}
    </p>
  );
}
