import { CycleProgress } from '../features/follow-up/CycleProgress.js';
import { useCycles } from '../features/follow-up/queries.js';
import { TextIn } from '../features/follow-up/TextIn.js';
import { formatDate } from '../features/shared/format.js';
import { LangLink } from '../features/shared/LangLink.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { useLang } from '../features/shared/useLang.js';
import { useTranslation } from '../i18n/react.js';
import '../features/follow-up/follow-up.css';

/** The follow-up of recommendations for everyone: each reporting cycle with its progress, and the
 * ways into what states made public (the matrix, the rates and map, each state's profile). */
export function FollowUpPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const cycles = useCycles();
  return (
    <>
      <PageMeta title={t('followUp.public.title')} description={t('followUp.public.description')} />
      <PageHeader title={t('followUp.public.title')} lead={t('followUp.public.lead')} />
      <div className="container page-body follow-up">
        <ul className="plain-list follow-up-links">
          <li>
            <LangLink to="/follow-up/matrix">{t('followUp.public.matrixTitle')}</LangLink>
          </li>
          <li>
            <LangLink to="/follow-up/rates">{t('followUp.public.ratesTitle')}</LangLink>
          </li>
          <li>
            <LangLink to="/member-states">{t('followUp.public.profilesEntry')}</LangLink>
          </li>
        </ul>
        <p className="chart-note">{t('followUp.public.whatIsPublic')}</p>
        <h2>{t('followUp.public.cycles')}</h2>
        <QueryState query={cycles}>
          {(list) =>
            list.items.length === 0 ? (
              <p className="empty">{t('followUp.public.noCycles')}</p>
            ) : (
              <ul className="plain-list cycle-list">
                {list.items.map((cycle) => (
                  <li key={cycle.id} className="cycle-card">
                    <h3>
                      <TextIn value={cycle.name} />
                    </h3>
                    <p>
                      {t('followUp.public.dates', {
                        opensOn: formatDate(cycle.opensOn, lang),
                        deadline: formatDate(cycle.deadline, lang),
                      })}
                    </p>
                    <CycleProgress cycle={cycle} />
                    <p>
                      <LangLink to={`/follow-up/matrix?cycle=${cycle.id}`}>{t('followUp.public.seeMatrix')}</LangLink>
                      {' · '}
                      <LangLink to={`/follow-up/rates?cycle=${cycle.id}`}>{t('followUp.public.seeRates')}</LangLink>
                    </p>
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
