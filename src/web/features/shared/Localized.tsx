import type { LocalizedText } from '../../../contract/common.js';
import { useTranslation } from '../../i18n/react.js';
import { useLang } from './useLang.js';

/** A text from the API. It says so when the wording is the platform's own translation, and marks
 * the language when the server had to answer in another one. */
export function Localized({ value }: { value: LocalizedText }) {
  const lang = useLang();
  return (
    <>
      <span lang={value.lang === lang ? undefined : value.lang}>{value.text}</span>
      {!value.official && <UnofficialMark />}
    </>
  );
}

/**
 * The quiet mark of the platform's own translation: a small asterisk (its words for screen
 * readers, its explanation on hover), explained once at the foot of the page (UnofficialNote).
 */
export function UnofficialMark() {
  const { t } = useTranslation();
  return (
    <sup className="unofficial-mark" title={t('unofficial.explanation')}>
      <span aria-hidden="true">*</span>
      <span className="visually-hidden">{` (${t('unofficial.label')})`}</span>
    </sup>
  );
}

/** The page's one explanation of the mark, shown (by the style sheet) only when the page has one. */
export function UnofficialNote() {
  const { t } = useTranslation();
  return (
    <p className="unofficial-note container">
      <span aria-hidden="true">* </span>
      {t('unofficial.explanation')}
    </p>
  );
}

/** A document title, or a plain "title not recorded" when no source gives it. */
export function DocumentTitle({ title }: { title: LocalizedText | null }) {
  const { t } = useTranslation();
  if (!title) return <span className="not-recorded">{t('common.titleNotRecorded')}</span>;
  return <Localized value={title} />;
}
