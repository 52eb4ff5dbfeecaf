import type { PublishedList as Published } from '../../../contract/delegations.js';
import { useTranslation } from '../../i18n/react.js';
import { ParticipantItems } from './DelegationSummary.js';
import { categoryLabel } from './labels.js';

/** The published list: each category shown to this reader, its states (or organisations) in the
 * order the server gave (alphabetical in the reader's language), and their participants. */
export function PublishedList({ list }: { list: Published }) {
  const { t } = useTranslation();
  if (list.categories.length === 0) return <p className="empty">{t('delegations.published.empty')}</p>;
  return (
    <>
      {list.categories.map(({ category, groups }) => (
        <section key={category} aria-labelledby={`participants-${category}`} className="participant-category">
          <h2 id={`participants-${category}`}>{categoryLabel(t, category)}</h2>
          {groups.map((group) => (
            <div key={group.label} className="participant-group">
              <h3>{group.label}</h3>
              <ParticipantItems participants={group.participants} />
            </div>
          ))}
        </section>
      ))}
    </>
  );
}
