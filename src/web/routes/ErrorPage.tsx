import { Footer } from '../features/layout/Footer.js';
import { Header } from '../features/layout/Header.js';
import { LangLink } from '../features/shared/LangLink.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { useLang } from '../features/shared/useLang.js';
import { useTranslation } from '../i18n/react.js';

/** The last resort when a page fails to render: the reader keeps the header and a way home. */
export function ErrorPage() {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <div className="page">
      <Header lang={lang} />
      <main id="main" tabIndex={-1} className="site-main">
        <div className="container page-body">
          <PageMeta title={t('errorPage.title')} description={t('errorPage.body')} />
          <h1>{t('errorPage.title')}</h1>
          <p className="lead">{t('errorPage.body')}</p>
          <p>
            <LangLink to="/">{t('nav.home')}</LangLink>
          </p>
        </div>
      </main>
      <Footer />
    </div>
  );
}
