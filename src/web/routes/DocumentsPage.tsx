import type { LibraryEntry } from '../../contract/library.js';
import { LANGS } from '../../domain/languages.js';
import { LIBRARY_KINDS } from '../../domain/library.js';
import { useMe } from '../features/account/queries.js';
import { LibraryList, libraryKindLabel } from '../features/documents/LibraryList.js';
import { useLibrary } from '../features/documents/queries.js';
import { usePillars } from '../features/pillars/queries.js';
import { FilterBar, ResultCount, useFilterValues } from '../features/shared/FilterBar.js';
import { meetingOptions, pillarOptions } from '../features/shared/filterOptions.js';
import { LangLink } from '../features/shared/LangLink.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { useLang } from '../features/shared/useLang.js';
import { languageName } from '../i18n/languages.js';
import { useTranslation } from '../i18n/react.js';

const FILTERS = ['meeting', 'kind', 'language', 'pillar', 'year', 'sort'] as const;

/** The years the documents are dated in, newest first. */
const yearsOf = (entries: LibraryEntry[]) =>
  [...new Set(entries.flatMap((entry) => (entry.date ? [entry.date.slice(0, 4)] : [])))].sort().reverse();

/** /{lang}/documents: the document library, every meeting's documents and the texts adopted, filtered in the URL. */
export function DocumentsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const filters = useFilterValues(FILTERS);
  const documents = useLibrary(filters);
  // The choices offered are those the reader's documents have (the whole list), so none leads to nothing.
  const all = useLibrary();
  const pillars = usePillars();
  const me = useMe();
  const entries = all.data ?? [];
  const kinds = LIBRARY_KINDS.filter((kind) => entries.some((entry) => entry.kind === kind));
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
            { name: 'meeting', label: t('filters.meeting'), options: meetingOptions(entries.map((e) => e.meeting)) },
            {
              name: 'kind',
              label: t('filters.documentType'),
              options: kinds.map((kind) => ({ value: kind, label: libraryKindLabel(t, kind) })),
            },
            {
              name: 'language',
              label: t('filters.language'),
              options: LANGS.map((code) => ({ value: code, label: languageName(code, lang) })),
            },
            { name: 'pillar', label: t('filters.pillar'), options: pillarOptions(pillars.data) },
            { name: 'year', label: t('filters.year'), options: yearsOf(entries).map((y) => ({ value: y, label: y })) },
            {
              name: 'sort',
              label: t('filters.sort'),
              fallback: 'date',
              options: [
                { value: 'date', label: t('documents.library.byDate') },
                { value: 'symbol', label: t('documents.library.bySymbol') },
              ],
            },
          ]}
        />
        <QueryState query={documents}>
          {(items) => (
            <>
              <ResultCount count={items.length} />
              {items.length === 0 ? <p className="empty">{t('filters.noResults')}</p> : <LibraryList entries={items} />}
            </>
          )}
        </QueryState>
      </div>
    </>
  );
}
