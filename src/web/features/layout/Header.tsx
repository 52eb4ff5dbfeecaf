import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../contract/common.js';
import { DemoBanner } from '../account/DemoBanner.js';
import { UserMenu } from '../account/UserMenu.js';
import { LangLink, LangNavLink } from '../shared/LangLink.js';
import { LanguageSwitcher } from './LanguageSwitcher.js';

export function Header({ lang }: { lang: Lang }) {
  const { t } = useTranslation();
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t('layout.skipToContent')}
      </a>
      <DemoBanner />
      <div className="site-header__bar">
        <div className="container site-header__inner">
          <LangLink to="/" className="brand">
            <span className="brand__mark" aria-hidden="true">
              M
            </span>
            <span className="brand__text">
              <span className="brand__short">{t('brand.short')}</span>
              <span className="brand__long">{t('brand.tagline')}</span>
            </span>
          </LangLink>
          <div className="site-header__tools">
            <LanguageSwitcher current={lang} />
            <UserMenu />
          </div>
        </div>
      </div>
      <nav className="main-nav" aria-label={t('layout.mainNav')}>
        <ul className="container main-nav__list">
          <li>
            <LangNavLink to="/" end>
              {t('nav.home')}
            </LangNavLink>
          </li>
          <li>
            <LangNavLink to="/meetings">{t('nav.meetings')}</LangNavLink>
          </li>
          <li>
            <LangNavLink to="/documents">{t('nav.documents')}</LangNavLink>
          </li>
          <li>
            <LangNavLink to="/technical-groups">{t('nav.technicalGroups')}</LangNavLink>
          </li>
          <li>
            <LangNavLink to="/networks">{t('nav.networks')}</LangNavLink>
          </li>
          <li>
            <LangNavLink to="/member-states">{t('nav.memberStates')}</LangNavLink>
          </li>
          <li>
            <LangNavLink to="/pillars">{t('nav.pillars')}</LangNavLink>
          </li>
          <li>
            <LangNavLink to="/team">{t('nav.team')}</LangNavLink>
          </li>
          <li>
            <LangNavLink to="/about">{t('nav.about')}</LangNavLink>
          </li>
        </ul>
      </nav>
    </header>
  );
}
