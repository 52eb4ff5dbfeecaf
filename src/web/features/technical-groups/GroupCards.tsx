import type { TechnicalGroup } from '../../../contract/reference.js';
import { useTranslation } from '../../i18n/react.js';
import { StateLink } from '../member-states/StateName.js';
import { PillarTags } from '../pillars/PillarTags.js';
import { LangLink } from '../shared/LangLink.js';
import { Localized } from '../shared/Localized.js';

export function GroupCards({ groups, headingLevel = 3 }: { groups: TechnicalGroup[]; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul className="card-grid">
      {groups.map((group) => (
        <li key={group.id} className="card">
          <Heading className="card__title">
            <LangLink to={`/technical-groups/${group.slug}`}>
              <Localized value={group.name} />
            </LangLink>
          </Heading>
          <dl className="facts facts--compact">
            <div>
              <dt>{t('groups.createdAt')}</dt>
              <dd>
                {group.createdAt ? (
                  <LangLink to={`/meetings/${group.createdAt.slug}`}>{group.createdAt.shortName}</LangLink>
                ) : (
                  t('common.notRecorded')
                )}
              </dd>
            </div>
            <div>
              <dt>{t('groups.leadState')}</dt>
              <dd>{group.leadState ? <StateLink state={group.leadState} /> : t('common.notRecorded')}</dd>
            </div>
          </dl>
          <PillarTags pillars={group.pillars} />
        </li>
      ))}
    </ul>
  );
}
