import { useTranslation } from '../../i18n/react.js';
import { useMe, usePublicSettings } from './queries.js';

/** On every page of a demo installation: the accounts and data are for trying the platform only. */
export function DemoBanner() {
  const { t } = useTranslation();
  const settings = usePublicSettings();
  const me = useMe();
  if (!settings.data?.demo && !me.data?.demo) return null;
  return (
    <p className="demo-banner">
      <strong>{t('demo.label')}</strong> {t('demo.text')}
    </p>
  );
}
