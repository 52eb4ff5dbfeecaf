import { useSiteOrigin } from '../app/site.js';
import { MeetingTimeline } from '../features/meetings/MeetingTimeline.js';
import { useMeetings } from '../features/meetings/queries.js';
import { useMemberStates } from '../features/member-states/queries.js';
import { StateGrid } from '../features/member-states/StateGrid.js';
import { PillarCards } from '../features/pillars/PillarCards.js';
import { useObjectives, usePillars } from '../features/pillars/queries.js';
import { LangLink } from '../features/shared/LangLink.js';
import { Localized } from '../features/shared/Localized.js';
import { JsonLd, PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { useLang } from '../features/shared/useLang.js';
import { GroupCards } from '../features/technical-groups/GroupCards.js';
import { useTechnicalGroups } from '../features/technical-groups/queries.js';
import { useTranslation } from '../i18n/react.js';

export function HomePage() {
  const { t } = useTranslation();
  const objectives = useObjectives();
  const pillars = usePillars();
  // The timeline of the process: its ministerial meetings (the others are on the meetings page).
  const meetings = useMeetings({ kind: 'ministerial' });
  const groups = useTechnicalGroups();
  const states = useMemberStates();
  const origin = useSiteOrigin();
  const lang = useLang();
  return (
    <>
      <PageMeta title={t('home.officialName')} description={t('home.description')} />
      <JsonLd
        data={{
          '@type': 'Organization',
          name: t('home.officialName'),
          alternateName: t('brand.short'),
          description: t('home.description'),
          url: `${origin}/${lang}/`,
        }}
      />
      <section className="hero" aria-labelledby="home-heading">
        <div className="container">
          <p className="hero__kicker">{t('brand.short')}</p>
          <h1 id="home-heading">{t('home.officialName')}</h1>
          <p className="hero__lead">{t('home.intro')}</p>
          <p className="hero__actions">
            <LangLink to="/meetings" className="button button--light">
              {t('home.exploreMeetings')}
            </LangLink>
            <LangLink to="/member-states" className="button button--outline">
              {t('home.exploreStates')}
            </LangLink>
          </p>
        </div>
      </section>

      <section className="container page-section" aria-labelledby="objectives-heading">
        <h2 id="objectives-heading">{t('home.objectivesHeading')}</h2>
        <QueryState query={objectives}>
          {(items) => (
            <ol className="objectives">
              {items.map((objective) => (
                <li key={objective.id}>
                  <p>
                    <Localized value={objective.text} />
                  </p>
                </li>
              ))}
            </ol>
          )}
        </QueryState>
      </section>

      <section className="container page-section" aria-labelledby="pillars-heading">
        <h2 id="pillars-heading">{t('home.pillarsHeading')}</h2>
        <QueryState query={pillars}>{(items) => <PillarCards pillars={items} />}</QueryState>
      </section>

      <section className="band" aria-labelledby="timeline-heading">
        <div className="container page-section">
          <h2 id="timeline-heading">{t('home.timelineHeading')}</h2>
          <QueryState query={meetings}>{(items) => <MeetingTimeline meetings={items} />}</QueryState>
        </div>
      </section>

      <section className="container page-section" aria-labelledby="groups-heading">
        <h2 id="groups-heading">{t('home.groupsHeading')}</h2>
        <QueryState query={groups}>{(items) => <GroupCards groups={items} />}</QueryState>
      </section>

      <section className="container page-section" aria-labelledby="states-heading">
        <h2 id="states-heading">{t('home.statesHeading')}</h2>
        <p>{t('home.statesIntro')}</p>
        <QueryState query={states}>{(items) => <StateGrid states={items} />}</QueryState>
      </section>
    </>
  );
}
