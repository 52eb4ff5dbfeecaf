import { PillarSection } from '../features/pillars/PillarSection.js';
import { usePillars } from '../features/pillars/queries.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { useScrollToHash } from '../features/shared/useScrollToHash.js';
import { useTranslation } from '../i18n/react.js';

export function PillarsPage() {
  const { t } = useTranslation();
  const pillars = usePillars();
  useScrollToHash(pillars.isSuccess);
  return (
    <>
      <PageMeta title={t('pillars.title')} description={t('pillars.description')} />
      <PageHeader title={t('pillars.title')} lead={t('pillars.lead')} />
      <div className="container page-body stack">
        <QueryState query={pillars}>
          {(items) => items.map((pillar) => <PillarSection key={pillar.id} pillar={pillar} />)}
        </QueryState>
      </div>
    </>
  );
}
