import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { MemberStateDetail } from '../../contract/reference.js';
import { isNotFound } from '../api/client.js';
import { useMemberState } from '../features/member-states/queries.js';
import { StateHeader } from '../features/member-states/StateHeader.js';
import { subregionLabel } from '../features/member-states/subregions.js';
import { StateIndicators } from '../features/observatory/StateIndicators.js';
import { LangLink } from '../features/shared/LangLink.js';
import { Localized } from '../features/shared/Localized.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { SourcesList } from '../features/shared/SourcesList.js';
import { NotFoundPage } from './NotFoundPage.js';

export function MemberStatePage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const state = useMemberState(slug);
  if (isNotFound(state.error)) return <NotFoundPage />;
  return (
    <>
      <PageMeta
        title={state.data?.name.text ?? t('states.detailTitle')}
        description={
          state.data ? t('states.detailDescription', { name: state.data.name.text }) : t('states.description')
        }
      />
      <QueryState query={state}>{(data) => <StateView state={data} />}</QueryState>
    </>
  );
}

function StateView({ state }: { state: MemberStateDetail }) {
  const { t } = useTranslation();
  return (
    <>
      <StateHeader state={state} kicker={subregionLabel(t, state.subregion)} />
      <div className="container page-body detail">
        <dl className="facts">
          <div>
            <dt>{t('states.iso2')}</dt>
            <dd>
              <code>{state.iso2}</code>
            </dd>
          </div>
          <div>
            <dt>{t('states.iso3')}</dt>
            <dd>
              <code>{state.iso3}</code>
            </dd>
          </div>
          <div>
            <dt>{t('states.isoNumeric')}</dt>
            <dd>
              <code>{state.isoNumeric}</code>
            </dd>
          </div>
        </dl>
        <section aria-labelledby="state-meetings">
          <h2 id="state-meetings">{t('states.meetingsHosted')}</h2>
          {state.meetingsHosted.length === 0 ? (
            <p>{t('states.noMeetingsHosted')}</p>
          ) : (
            <ul className="plain-list">
              {state.meetingsHosted.map((meeting) => (
                <li key={meeting.id}>
                  <LangLink to={`/meetings/${meeting.slug}`}>{meeting.shortName}</LangLink>
                  {meeting.year && ` (${meeting.year})`}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="state-groups">
          <h2 id="state-groups">{t('states.groupsLed')}</h2>
          {state.groupsLed.length === 0 ? (
            <p>{t('states.noGroupsLed')}</p>
          ) : (
            <ul className="plain-list">
              {state.groupsLed.map((group) => (
                <li key={group.id}>
                  <LangLink to={`/technical-groups/${group.slug}`}>
                    <Localized value={group.name} />
                  </LangLink>
                </li>
              ))}
            </ul>
          )}
        </section>
        <StateIndicators slug={state.slug} />
        <p>
          <LangLink to={`/follow-up/states/${state.slug}`}>
            {t('followUp.public.profileTitle', { name: state.name.text })}
          </LangLink>
        </p>
        <SourcesList sources={state.sources} />
      </div>
    </>
  );
}
