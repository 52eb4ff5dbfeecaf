import { useMeetings } from '../features/meetings/queries.js';
import { usePillars } from '../features/pillars/queries.js';
import { FilterBar, ResultCount, useFilterValues } from '../features/shared/FilterBar.js';
import { meetingOptions, pillarOptions, stateOptions } from '../features/shared/filterOptions.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { useLang } from '../features/shared/useLang.js';
import { GroupCards } from '../features/technical-groups/GroupCards.js';
import { useTechnicalGroups } from '../features/technical-groups/queries.js';
import { useTranslation } from '../i18n/react.js';

const FILTERS = ['pillar', 'memberState', 'meeting'] as const;

export function TechnicalGroupsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const filters = useFilterValues(FILTERS);
  const groups = useTechnicalGroups(filters);
  const allGroups = useTechnicalGroups();
  const meetings = useMeetings();
  const pillars = usePillars();
  return (
    <>
      <PageMeta title={t('groups.title')} description={t('groups.description')} />
      <PageHeader title={t('groups.title')} lead={t('groups.lead')} />
      <div className="container page-body">
        <FilterBar
          fields={[
            { name: 'pillar', label: t('filters.pillar'), options: pillarOptions(pillars.data) },
            {
              name: 'memberState',
              label: t('filters.leadState'),
              options: stateOptions(
                (allGroups.data ?? []).map((group) => group.leadState),
                lang,
              ),
            },
            { name: 'meeting', label: t('filters.createdAt'), options: meetingOptions(meetings.data ?? []) },
          ]}
        />
        <QueryState query={groups}>
          {(items) => (
            <>
              <ResultCount count={items.length} />
              {items.length === 0 ? (
                <p className="empty">{t('filters.noResults')}</p>
              ) : (
                <GroupCards groups={items} headingLevel={2} />
              )}
            </>
          )}
        </QueryState>
      </div>
    </>
  );
}
