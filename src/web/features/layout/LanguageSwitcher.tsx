import { Link, useLocation } from 'react-router';
import type { Lang } from '../../../contract/common.js';
import { LANGS } from '../../../domain/languages.js';
import { languageEndonym } from '../../i18n/languages.js';
import { useTranslation } from '../../i18n/react.js';

/** The same page in another language: the language segment of the path is swapped, the rest kept. */
export function samePageIn(lang: Lang, pathname: string, search: string, hash: string): string {
  const rest = pathname.replace(/^\/[^/]*/, '');
  return `/${lang}${rest || '/'}${search}${hash}`;
}

export function LanguageSwitcher({ current }: { current: Lang }) {
  const { t } = useTranslation();
  const { pathname, search, hash } = useLocation();
  return (
    <nav className="lang-switcher" aria-label={t('layout.languages')}>
      <ul>
        {LANGS.map((lang) => (
          <li key={lang}>
            {lang === current ? (
              <span className="lang-switcher__current" lang={lang} aria-current="true">
                {languageEndonym(lang)}
              </span>
            ) : (
              <Link to={samePageIn(lang, pathname, search, hash)} hrefLang={lang} lang={lang}>
                {languageEndonym(lang)}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
