import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Lang } from '../../../contract/common.js';
import { isLang } from '../../../domain/languages.js';

/** The language the page is shown in: the URL's first segment, or, under an unknown segment, the
 * reader's language that the router chose for the 404 page. */
export function useLang(): Lang {
  const { lang } = useParams();
  const { i18n } = useTranslation();
  if (isLang(lang)) return lang;
  const current = i18n.resolvedLanguage ?? i18n.language;
  return isLang(current) ? current : 'en';
}
