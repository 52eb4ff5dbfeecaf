import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../../contract/common.js';
import { useLang } from './useLang.js';

/** A text from the API. It says so when the wording is the platform's own translation, and marks
 * the language when the server had to answer in another one. */
export function Localized({ value, compact = false }: { value: LocalizedText; compact?: boolean }) {
  const lang = useLang();
  return (
    <>
      <span lang={value.lang === lang ? undefined : value.lang}>{value.text}</span>
      {!value.official && <UnofficialMark compact={compact} />}
    </>
  );
}

export function UnofficialMark({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {' '}
      <small className="unofficial" title={t('unofficial.explanation')}>
        {compact ? t('unofficial.short') : t('unofficial.label')}
      </small>
    </>
  );
}

/** A document title, or a plain "title not recorded" when no source gives it. */
export function DocumentTitle({ title }: { title: LocalizedText | null }) {
  const { t } = useTranslation();
  if (!title) return <span className="not-recorded">{t('common.titleNotRecorded')}</span>;
  return <Localized value={title} />;
}
