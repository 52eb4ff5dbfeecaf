import type { OutcomeDocument } from '../../../contract/outcome-documents.js';
import { LINK_RELATIONS } from '../../../domain/outcome-documents.js';
import { useTranslation } from '../../i18n/react.js';
import { DocumentRefList } from './DocumentCards.js';
import { relationLabel } from './documentTypes.js';

/** The document's lineage, both ways: what it reaffirms, supersedes or implements, and the later
 * documents that do so to it, so a reader can follow a mandate through the meetings. */
export function DocumentLinks({ links }: { links: OutcomeDocument['links'] }) {
  const { t } = useTranslation();
  const groups = (['outgoing', 'incoming'] as const).flatMap((side) =>
    LINK_RELATIONS.map((relation) => ({
      key: `${side}-${relation}`,
      label: relationLabel(t, relation, side),
      documents: links[side].filter((link) => link.relation === relation).map((link) => link.document),
    })).filter((group) => group.documents.length > 0),
  );
  return (
    <section aria-labelledby="document-links">
      <h2 id="document-links">{t('documents.links.heading')}</h2>
      {groups.length === 0 ? (
        <p>{t('documents.links.none')}</p>
      ) : (
        <div className="document-links">
          {groups.map((group) => (
            <div key={group.key}>
              <h3>{group.label}</h3>
              <DocumentRefList documents={group.documents} />
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
