import { useTranslation } from 'react-i18next';
import { DocumentCards } from '../features/documents/DocumentCards.js';
import { useDocuments } from '../features/documents/queries.js';
import { useMeetings } from '../features/meetings/queries.js';
import { usePillars } from '../features/pillars/queries.js';
import { FilterBar, ResultCount, useFilterValues } from '../features/shared/FilterBar.js';
import { meetingOptions, pillarOptions, stateOptions, yearOptions } from '../features/shared/filterOptions.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { useLang } from '../features/shared/useLang.js';

const FILTERS = ['pillar', 'meeting', 'memberState', 'year'] as const;

export function DocumentsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const filters = useFilterValues(FILTERS);
  const documents = useDocuments(filters);
  const meetings = useMeetings();
  const pillars = usePillars();
  return (
    <>
      <PageMeta title={t('documents.title')} description={t('documents.description')} />
      <PageHeader title={t('documents.title')} lead={t('documents.lead')} />
      <div className="container page-body">
        <FilterBar
          fields={[
            { name: 'pillar', label: t('filters.pillar'), options: pillarOptions(pillars.data) },
            { name: 'meeting', label: t('filters.meeting'), options: meetingOptions(meetings.data ?? []) },
            {
              name: 'memberState',
              label: t('filters.hostState'),
              options: stateOptions(
                (meetings.data ?? []).map((meeting) => meeting.hostState),
                lang,
              ),
            },
            { name: 'year', label: t('filters.year'), options: yearOptions(meetings.data) },
          ]}
        />
        <QueryState query={documents}>
          {(items) => (
            <>
              <ResultCount count={items.length} />
              {items.length === 0 ? (
                <p className="empty">{t('filters.noResults')}</p>
              ) : (
                <DocumentCards documents={items} />
              )}
            </>
          )}
        </QueryState>
      </div>
    </>
  );
}
