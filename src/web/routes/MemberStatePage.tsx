import { useParams } from 'react-router';
import type { MeetingRef, MemberStateDetail } from '../../contract/reference.js';
import { isNotFound } from '../api/client.js';
import { DocumentRefList } from '../features/documents/DocumentCards.js';
import { useMemberState } from '../features/member-states/queries.js';
import { StateHeader } from '../features/member-states/StateHeader.js';
import { subregionLabel } from '../features/member-states/subregions.js';
import { StateIndicators } from '../features/observatory/StateIndicators.js';
import { LangLink } from '../features/shared/LangLink.js';
import { Localized } from '../features/shared/Localized.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { SourcesList } from '../features/shared/SourcesList.js';
import { ChairItem } from '../features/technical-groups/Chairs.js';
import { Trans, useTranslation } from '../i18n/react.js';
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
        <MeetingList
          id="state-attended"
          title={t('states.meetingsAttended')}
          empty={t('states.noMeetingsAttended')}
          meetings={state.meetingsAttended}
        />
        <MeetingList
          id="state-meetings"
          title={t('states.meetingsHosted')}
          empty={t('states.noMeetingsHosted')}
          meetings={state.meetingsHosted}
        />
        {/* One section for the state's part in the groups: the groups the overview says it leads, then
            the chairs it was elected or designated to, in the order of the meetings. */}
        <section aria-labelledby="state-groups">
          <h2 id="state-groups">{t('states.groupsLedOrChaired')}</h2>
          {state.groupsLed.length === 0 && state.chairs.length === 0 ? (
            <p>{t('states.noGroupsLedOrChaired')}</p>
          ) : (
            <ul className="plain-list">
              {state.groupsLed.map((group) => (
                <li key={group.id}>
                  <Trans
                    i18nKey="states.leads"
                    components={{
                      group: (
                        <LangLink to={`/technical-groups/${group.slug}`}>
                          <Localized value={group.name} />
                        </LangLink>
                      ),
                    }}
                  />
                </li>
              ))}
              {state.chairs.map((chair) => (
                <ChairItem key={`${chair.group.id}-${chair.from.id}`} chair={chair} name="group" />
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="state-documents">
          <h2 id="state-documents">{t('states.documentsFootnoted')}</h2>
          {state.documentsFootnoted.length === 0 ? (
            <p>{t('states.noDocumentsFootnoted')}</p>
          ) : (
            <DocumentRefList documents={state.documentsFootnoted} />
          )}
        </section>
        <StateIndicators slug={state.slug} />
        <p>
          <LangLink to={`/follow-up/states/${state.slug}`}>
            {t('followUp.public.profileTitle', { name: state.name.text })}
          </LangLink>
        </p>
        <SourcesList sources={state.sources} />
        {/* The codes are for those who look them up, so they come last, on one quiet line. */}
        <p className="detail-line">
          {t('states.iso2')} <code>{state.iso2}</code> · {t('states.iso3')} <code>{state.iso3}</code> ·{' '}
          {t('states.isoNumeric')} <code>{state.isoNumeric}</code>
        </p>
      </div>
    </>
  );
}

/** A section of meetings (attended, hosted), each linking to its page, or a sentence when none. */
function MeetingList({
  id,
  title,
  empty,
  meetings,
}: {
  id: string;
  title: string;
  empty: string;
  meetings: MeetingRef[];
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {meetings.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ul className="plain-list">
          {meetings.map((meeting) => (
            <li key={meeting.id}>
              <LangLink to={`/meetings/${meeting.slug}`}>{meeting.shortName}</LangLink>
              {meeting.year && ` (${meeting.year})`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
