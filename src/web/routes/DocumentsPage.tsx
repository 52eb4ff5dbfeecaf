import { useTranslation } from 'react-i18next';
import { LANGS } from '../../domain/languages.js';
import { useMe } from '../features/account/queries.js';
import { DocumentCards } from '../features/documents/DocumentCards.js';
import { documentTypeLabel } from '../features/documents/documentTypes.js';
import { useDocuments } from '../features/documents/queries.js';
import { useMeetings } from '../features/meetings/queries.js';
import { usePillars } from '../features/pillars/queries.js';
import { FilterBar, ResultCount, useFilterValues } from '../features/shared/FilterBar.js';
import { meetingOptions, pillarOptions, stateOptions, yearOptions } from '../features/shared/filterOptions.js';
import { LangLink } from '../features/shared/LangLink.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { useLang } from '../features/shared/useLang.js';
import { languageName } from '../i18n/languages.js';

const FILTERS = ['type', 'pillar', 'meeting', 'memberState', 'year', 'language'] as const;

export function DocumentsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const filters = useFilterValues(FILTERS);
  const documents = useDocuments(filters);
  // The types offered are those the documents have (the unfiltered list), so none leads to nothing.
  const all = useDocuments();
  const meetings = useMeetings();
  const pillars = usePillars();
  const me = useMe();
  const types = [...new Set((all.data ?? []).map((doc) => doc.type))];
  return (
    <>
      <PageMeta title={t('documents.title')} description={t('documents.description')} />
      <PageHeader title={t('documents.title')} lead={t('documents.lead')} />
      <div className="container page-body">
        {me.data?.can.draftDocuments && (
          <p>
            <LangLink className="button" to="/documents/new">
              {t('documents.edit.newTitle')}
            </LangLink>
          </p>
        )}
        <FilterBar
          fields={[
            {
              name: 'type',
              label: t('filters.documentType'),
              options: types.map((type) => ({ value: type, label: documentTypeLabel(t, type) })),
            },
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
            {
              name: 'language',
              label: t('filters.language'),
              options: LANGS.map((code) => ({ value: code, label: languageName(code, lang) })),
            },
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
