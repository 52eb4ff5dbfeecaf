import { useEffect, useRef } from 'react';
import { Outlet, ScrollRestoration, useLocation, useParams } from 'react-router';
import { isLang } from '../../../domain/languages.js';
import { NotFoundPage } from '../../routes/NotFoundPage.js';
import { UnofficialNote } from '../shared/Localized.js';
import { useLang } from '../shared/useLang.js';
import { Footer } from './Footer.js';
import { Header } from './Header.js';

/** Moves focus to the main region after a client-side navigation, as a page load would reset it,
 * so keyboard and screen-reader users start reading the new page instead of the old link. */
function useFocusMainOnNavigation() {
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    main.current?.focus({ preventScroll: true });
  }, [pathname]);
  return main;
}

export function Layout() {
  const { lang: segment } = useParams();
  const lang = useLang();
  const main = useFocusMainOnNavigation();
  const { pathname } = useLocation();
  return (
    <div className="page">
      <Header lang={lang} />
      {/* data-path: the page on screen; the address changes before a lazily loaded page renders. */}
      <main id="main" tabIndex={-1} ref={main} className="site-main" data-path={pathname}>
        {isLang(segment) ? <Outlet /> : <NotFoundPage />}
        <UnofficialNote />
      </main>
      <Footer />
      <ScrollRestoration />
    </div>
  );
}
