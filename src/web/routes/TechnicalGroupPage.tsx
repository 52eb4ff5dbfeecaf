import { useParams } from 'react-router';
import type { TechnicalGroup } from '../../contract/reference.js';
import { isNotFound } from '../api/client.js';
import { StateLink } from '../features/member-states/StateName.js';
import { PillarTags } from '../features/pillars/PillarTags.js';
import { LangLink } from '../features/shared/LangLink.js';
import { Localized } from '../features/shared/Localized.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { SourcesList } from '../features/shared/SourcesList.js';
import { ChairItem } from '../features/technical-groups/Chairs.js';
import { useTechnicalGroup } from '../features/technical-groups/queries.js';
import { useTranslation } from '../i18n/react.js';
import { NotFoundPage } from './NotFoundPage.js';

export function TechnicalGroupPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const group = useTechnicalGroup(slug);
  if (isNotFound(group.error)) return <NotFoundPage />;
  return (
    <>
      <PageMeta
        title={group.data?.name.text ?? t('groups.detailTitle')}
        description={
          group.data ? t('groups.detailDescription', { name: group.data.name.text }) : t('groups.description')
        }
      />
      <QueryState query={group}>{(data) => <GroupView group={data} />}</QueryState>
    </>
  );
}

function GroupView({ group }: { group: TechnicalGroup }) {
  const { t } = useTranslation();
  const notRecorded = t('common.notRecorded');
  return (
    <>
      <PageHeader kicker={t('groups.kicker')} title={<Localized value={group.name} />} />
      <div className="container page-body detail">
        <dl className="facts">
          <div>
            <dt>{t('groups.createdAt')}</dt>
            <dd>
              {group.createdAt ? (
                <LangLink to={`/meetings/${group.createdAt.slug}`}>{group.createdAt.shortName}</LangLink>
              ) : (
                notRecorded
              )}
            </dd>
          </div>
          <div>
            <dt>{t('groups.leadState')}</dt>
            <dd>{group.leadState ? <StateLink state={group.leadState} /> : notRecorded}</dd>
          </div>
        </dl>
        {group.description && (
          <p className="lead">
            <Localized value={group.description} />
          </p>
        )}
        <section aria-labelledby="group-pillars">
          <h2 id="group-pillars">{t('groups.pillarsHeading')}</h2>
          {group.pillars.length === 0 ? <p>{t('groups.noPillars')}</p> : <PillarTags pillars={group.pillars} />}
        </section>
        <section aria-labelledby="group-chairs">
          <h2 id="group-chairs">{t('groups.chairsHeading')}</h2>
          {group.chairs.length === 0 ? (
            <p>{t('groups.noChairs')}</p>
          ) : (
            <ul className="plain-list">
              {group.chairs.map((chair) => (
                <ChairItem key={`${chair.state.id}-${chair.from.id}`} chair={chair} name="state" />
              ))}
            </ul>
          )}
        </section>
        <SourcesList sources={group.sources} />
      </div>
    </>
  );
}
