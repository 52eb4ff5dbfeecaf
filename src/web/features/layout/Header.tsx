import { type MouseEvent, useRef } from 'react';
import type { Lang } from '../../../contract/common.js';
import { useTranslation } from '../../i18n/react.js';
import { DemoBanner } from '../account/DemoBanner.js';
import { UserMenu } from '../account/UserMenu.js';
import { LangLink, LangNavLink } from '../shared/LangLink.js';
import { LanguageSwitcher } from './LanguageSwitcher.js';

/**
 * The main navigation. On narrow screens its list is a popover opened by the menu button: the
 * platform's own popover works before (and without) JavaScript, closes on Escape and outside clicks,
 * and on wide screens the stylesheet shows the list as a plain bar.
 */
export function Header({ lang }: { lang: Lang }) {
  const { t } = useTranslation();
  const list = useRef<HTMLUListElement>(null);
  // A client-side navigation leaves the page in place: close the menu as a page load would.
  const closeAfterLink = (event: MouseEvent) => {
    if ((event.target as Element).closest('a') && list.current?.matches(':popover-open')) list.current.hidePopover();
  };
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
        <div className="container main-nav__bar">
          <button type="button" className="main-nav__toggle" popoverTarget="main-nav-list">
            <span className="main-nav__icon" aria-hidden="true" />
            {t('layout.menu')}
          </button>
        </div>
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: links answer keys themselves; this only closes the menu after one is followed */}
        <ul id="main-nav-list" popover="auto" ref={list} onClick={closeAfterLink} className="container main-nav__list">
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
            <LangNavLink to="/observatory">{t('nav.observatory')}</LangNavLink>
          </li>
          <li>
            <LangNavLink to="/follow-up">{t('nav.followUp')}</LangNavLink>
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
