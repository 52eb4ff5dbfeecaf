import { Attribution } from '../features/observatory/Attribution.js';
import { useIndicators } from '../features/observatory/queries.js';
import { LangLink } from '../features/shared/LangLink.js';
import { Localized } from '../features/shared/Localized.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { useTranslation } from '../i18n/react.js';

/** The observatory's catalogue: each indicator with its definition, years and source. */
export function ObservatoryPage() {
  const { t } = useTranslation();
  const indicators = useIndicators();
  return (
    <>
      <PageMeta title={t('observatory.title')} description={t('observatory.description')} />
      <PageHeader title={t('observatory.title')} lead={t('observatory.lead')} />
      <div className="container page-body">
        <QueryState query={indicators}>
          {(list) =>
            list.items.length === 0 ? (
              <p className="empty">{t('observatory.noIndicators')}</p>
            ) : (
              <ul className="plain-list indicator-list">
                {list.items.map((indicator) => (
                  <li key={indicator.code} className="indicator-card">
                    <h2>
                      <LangLink to={`/observatory/${indicator.code}`}>
                        <Localized value={indicator.name} />
                      </LangLink>
                    </h2>
                    <p>
                      <Localized value={indicator.definition} />
                    </p>
                    {indicator.firstYear !== null && (
                      <p>
                        {t('observatory.years')}: {`${indicator.firstYear}–${indicator.lastYear}`}
                      </p>
                    )}
                    <Attribution source={indicator.source} />
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      </div>
    </>
  );
}
