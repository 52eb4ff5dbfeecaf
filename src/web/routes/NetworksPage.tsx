import { NetworkCard } from '../features/networks/NetworkCard.js';
import { useNetworks } from '../features/networks/queries.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { useScrollToHash } from '../features/shared/useScrollToHash.js';
import { useTranslation } from '../i18n/react.js';

export function NetworksPage() {
  const { t } = useTranslation();
  const networks = useNetworks();
  useScrollToHash(networks.isSuccess);
  return (
    <>
      <PageMeta title={t('networks.title')} description={t('networks.description')} />
      <PageHeader title={t('networks.title')} lead={t('networks.lead')} />
      <div className="container page-body">
        <QueryState query={networks}>
          {(items) => {
            const networkList = items.filter((item) => item.kind === 'network');
            const programs = items.filter((item) => item.kind === 'program');
            return (
              <>
                <section aria-labelledby="networks-heading" className="page-section--flush">
                  <h2 id="networks-heading">{t('networks.networksHeading')}</h2>
                  {networkList.length === 0 ? (
                    <p>{t('networks.noNetworks')}</p>
                  ) : (
                    <div className="card-grid card-grid--wide">
                      {networkList.map((network) => (
                        <NetworkCard key={network.id} network={network} />
                      ))}
                    </div>
                  )}
                </section>
                <section aria-labelledby="programs-heading" className="page-section--flush">
                  <h2 id="programs-heading">{t('networks.programsHeading')}</h2>
                  {programs.length === 0 ? (
                    <p>{t('networks.noPrograms')}</p>
                  ) : (
                    <div className="card-grid card-grid--wide">
                      {programs.map((program) => (
                        <NetworkCard key={program.id} network={program} />
                      ))}
                    </div>
                  )}
                </section>
              </>
            );
          }}
        </QueryState>
      </div>
    </>
  );
}
