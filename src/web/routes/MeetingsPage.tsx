import { useMe } from '../features/account/queries.js';
import { MeetingTimeline } from '../features/meetings/MeetingTimeline.js';
import { useMeetings } from '../features/meetings/queries.js';
import { usePillars } from '../features/pillars/queries.js';
import { FilterBar, ResultCount, useFilterValues } from '../features/shared/FilterBar.js';
import { pillarOptions, stateOptions, yearOptions } from '../features/shared/filterOptions.js';
import { LangLink } from '../features/shared/LangLink.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { useLang } from '../features/shared/useLang.js';
import { useTranslation } from '../i18n/react.js';

const FILTERS = ['pillar', 'memberState', 'year'] as const;

export function MeetingsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const filters = useFilterValues(FILTERS);
  const meetings = useMeetings(filters);
  // The unfiltered list offers every host and year, whatever is filtered now.
  const allMeetings = useMeetings();
  const pillars = usePillars();
  const me = useMe();
  return (
    <>
      <PageMeta title={t('meetings.title')} description={t('meetings.description')} />
      <PageHeader title={t('meetings.title')} lead={t('meetings.lead')} />
      <div className="container page-body">
        <p className="meeting-links">
          {me.data?.can.createMeetings && (
            <LangLink className="button" to="/meetings/new">
              {t('meetings.newMeeting')}
            </LangLink>
          )}{' '}
          <LangLink to="/calendar">{t('calendar.title')}</LangLink>
        </p>
        <FilterBar
          fields={[
            { name: 'pillar', label: t('filters.pillar'), options: pillarOptions(pillars.data) },
            {
              name: 'memberState',
              label: t('filters.hostState'),
              options: stateOptions(
                (allMeetings.data ?? []).map((meeting) => meeting.hostState),
                lang,
              ),
            },
            { name: 'year', label: t('filters.year'), options: yearOptions(allMeetings.data) },
          ]}
        />
        <QueryState query={meetings}>
          {(items) => (
            <>
              <ResultCount count={items.length} />
              {items.length === 0 ? (
                <p className="empty">{t('filters.noResults')}</p>
              ) : (
                <MeetingTimeline meetings={items} headingLevel={2} />
              )}
            </>
          )}
        </QueryState>
      </div>
    </>
  );
}
