import { useDatasetSources } from '../features/about/queries.js';
import { SourceIndex } from '../features/about/SourceIndex.js';
import { UnofficialMark } from '../features/shared/Localized.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { useTranslation } from '../i18n/react.js';

export function AboutPage() {
  const { t } = useTranslation();
  const sources = useDatasetSources();
  return (
    <>
      <PageMeta title={t('about.title')} description={t('about.description')} />
      <PageHeader title={t('about.title')} lead={t('about.lead')} />
      <div className="container page-body detail">
        <section aria-labelledby="about-translations">
          <h2 id="about-translations">{t('about.translationsHeading')}</h2>
          <p>
            {t('about.translationsBody')}
            <UnofficialMark />
          </p>
        </section>
        <section aria-labelledby="about-attribution">
          <h2 id="about-attribution">{t('about.attributionHeading')}</h2>
          <ul className="plain-list">
            <li>
              {t('about.isoCodes')} <a href="https://salsa.debian.org/iso-codes-team/iso-codes">Debian iso-codes</a>
            </li>
            <li>
              {t('about.countryNamesEnglish')}{' '}
              <a href="https://www.npmjs.com/package/i18n-iso-countries">i18n-iso-countries</a>
            </li>
            <li>
              {t('about.countryNames')} <a href="https://cldr.unicode.org/">Unicode CLDR</a>
            </li>
            <li>
              {t('about.flags')} <a href="https://github.com/lipis/flag-icons">flag-icons</a>
            </li>
          </ul>
        </section>
        <section aria-labelledby="about-sources">
          <h2 id="about-sources">{t('about.sourcesHeading')}</h2>
          <p>{t('about.sourcesIntro')}</p>
          <QueryState query={sources}>{(items) => <SourceIndex sources={items} />}</QueryState>
        </section>
      </div>
    </>
  );
}
