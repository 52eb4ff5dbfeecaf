import { useTranslation } from '../../i18n/react.js';
import { LangLink } from '../shared/LangLink.js';

export function Footer() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <div>
          <p className="site-footer__name">{t('home.officialName')}</p>
          <p>{t('layout.footerAbout')}</p>
        </div>
        <nav aria-label={t('layout.footerNav')}>
          <ul className="site-footer__links">
            <li>
              <LangLink to="/about">{t('nav.about')}</LangLink>
            </li>
            <li>
              <LangLink to="/team">{t('nav.team')}</LangLink>
            </li>
          </ul>
        </nav>
        <p className="site-footer__note">{t('layout.attribution')}</p>
      </div>
    </footer>
  );
}
