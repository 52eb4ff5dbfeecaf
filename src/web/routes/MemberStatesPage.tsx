import { isSubregion, SUBREGIONS } from '../../domain/reference.js';
import { useMemberStates } from '../features/member-states/queries.js';
import { StateGrid } from '../features/member-states/StateGrid.js';
import { subregionLabel } from '../features/member-states/subregions.js';
import { FilterBar, ResultCount, useFilterValues } from '../features/shared/FilterBar.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { useTranslation } from '../i18n/react.js';

const FILTERS = ['subregion'] as const;

export function MemberStatesPage() {
  const { t } = useTranslation();
  const { subregion } = useFilterValues(FILTERS);
  const states = useMemberStates(isSubregion(subregion) ? subregion : undefined);
  return (
    <>
      <PageMeta title={t('states.title')} description={t('states.description')} />
      <PageHeader title={t('states.title')} lead={t('states.lead')} />
      <div className="container page-body">
        <FilterBar
          fields={[
            {
              name: 'subregion',
              label: t('filters.subregion'),
              options: SUBREGIONS.map((value) => ({ value, label: subregionLabel(t, value) })),
            },
          ]}
        />
        <QueryState query={states}>
          {(items) => (
            <>
              <ResultCount count={items.length} />
              <StateGrid states={items} headingLevel={2} />
            </>
          )}
        </QueryState>
      </div>
    </>
  );
}
