import type { Document } from '../../../contract/reference.js';
import { useTranslation } from '../../i18n/react.js';
import { useMe } from '../account/queries.js';
import { LangLink } from '../shared/LangLink.js';
import { QueryState } from '../shared/QueryState.js';
import { useFollowUpItems } from './queries.js';

/**
 * An adopted document's follow-up, on its page: how many of its items are followed up, with the
 * way to their matrix. A historic document's items come only from the secretariat's import, so
 * one without any says so, and offers the secretariat that import, preset for the document.
 */
export function DocumentFollowUp({ doc }: { doc: Pick<Document, 'slug' | 'status' | 'historic'> }) {
  // Only an adopted text has items: the API refuses the items of any other (400), so none is asked.
  return doc.status === 'adopted' ? <AdoptedFollowUp doc={doc} /> : null;
}

function AdoptedFollowUp({ doc }: { doc: Pick<Document, 'slug' | 'historic'> }) {
  const { t } = useTranslation();
  const items = useFollowUpItems({ document: doc.slug });
  const me = useMe();
  return (
    <section aria-labelledby="document-follow-up">
      <h2 id="document-follow-up">{t('followUp.document.heading')}</h2>
      <QueryState query={items}>
        {(list) =>
          list.items.length > 0 ? (
            <p>
              {t('followUp.document.items', { count: list.items.length })}{' '}
              <LangLink to={`/follow-up/matrix?${new URLSearchParams({ document: doc.slug })}`}>
                {t('followUp.document.seeMatrix')}
              </LangLink>
            </p>
          ) : doc.historic ? (
            <>
              <p className="empty">{t('followUp.document.noneImported')}</p>
              {me.data?.can.manageFollowUp && (
                <p>
                  <LangLink
                    className="button"
                    to={`/follow-up/reporting?${new URLSearchParams({ document: doc.slug })}#import-items`}
                  >
                    {t('followUp.document.importOffer')}
                  </LangLink>
                </p>
              )}
            </>
          ) : (
            <p className="empty">{t('followUp.document.noneMarked')}</p>
          )
        }
      </QueryState>
    </section>
  );
}
