import type { Pillar } from '../../../contract/reference.js';
import { useTranslation } from '../../i18n/react.js';
import { useDocuments } from '../documents/queries.js';
import { LangLink } from '../shared/LangLink.js';
import { DocumentTitle, Localized } from '../shared/Localized.js';
import { QueryState } from '../shared/QueryState.js';
import { SourcesList } from '../shared/SourcesList.js';
import { useTechnicalGroups } from '../technical-groups/queries.js';

/** One pillar with what the API files under it: the documents and technical groups of that pillar. */
export function PillarSection({ pillar }: { pillar: Pillar }) {
  const { t } = useTranslation();
  const documents = useDocuments({ pillar: pillar.code });
  const groups = useTechnicalGroups({ pillar: pillar.code });
  const headingId = `pillar-${pillar.code}`;
  return (
    <section className="pillar-section card" id={headingId} aria-labelledby={`${headingId}-title`}>
      <p className="card__kicker">{t('pillars.number', { number: pillar.position })}</p>
      <h2 id={`${headingId}-title`}>
        <Localized value={pillar.name} />
      </h2>
      <p>
        <Localized value={pillar.description} />
      </p>
      <div className="pillar-section__columns">
        <div>
          <h3>{t('pillars.documentsHeading')}</h3>
          <QueryState query={documents}>
            {(items) =>
              items.length === 0 ? (
                <p>{t('pillars.noDocuments')}</p>
              ) : (
                <ul className="plain-list plain-list--muted">
                  {items.map((doc) => (
                    <li key={doc.id}>
                      <LangLink to={`/documents/${doc.slug}`}>
                        <DocumentTitle title={doc.title} />
                      </LangLink>{' '}
                      <span className="muted">({doc.meeting.shortName})</span>
                    </li>
                  ))}
                </ul>
              )
            }
          </QueryState>
        </div>
        <div>
          <h3>{t('pillars.groupsHeading')}</h3>
          <QueryState query={groups}>
            {(items) =>
              items.length === 0 ? (
                <p>{t('pillars.noGroups')}</p>
              ) : (
                <ul className="plain-list plain-list--muted">
                  {items.map((group) => (
                    <li key={group.id}>
                      <LangLink to={`/technical-groups/${group.slug}`}>
                        <Localized value={group.name} />
                      </LangLink>
                    </li>
                  ))}
                </ul>
              )
            }
          </QueryState>
        </div>
      </div>
      {pillar.sources.length > 0 && <SourcesList sources={pillar.sources} headingLevel={3} />}
    </section>
  );
}
