import { useParams } from 'react-router';
import type { Lang } from '../../../contract/common.js';
import { isLang } from '../../../domain/languages.js';
import { useTranslation } from '../../i18n/react.js';

/** The language the page is shown in: the URL's first segment, or, under an unknown segment, the
 * reader's language that the router chose for the 404 page. */
export function useLang(): Lang {
  const { lang } = useParams();
  const { i18n } = useTranslation();
  return isLang(lang) ? lang : i18n.language;
}
