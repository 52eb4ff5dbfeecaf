import type { LibraryEntry } from '../../../contract/library.js';
import type { LibraryKind } from '../../../domain/library.js';
import { languageName } from '../../i18n/languages.js';
import { useTranslation } from '../../i18n/react.js';
import type { TFunction } from '../../i18n/translator.js';
import { categoryName } from '../meeting-documents/labels.js';
import { formatDate } from '../shared/format.js';
import { LangLink } from '../shared/LangLink.js';
import { DocumentTitle } from '../shared/Localized.js';
import { useLang } from '../shared/useLang.js';
import { SymbolAndMeeting } from './DocumentCards.js';
import { documentStatusLabel, documentTypeLabel } from './documentTypes.js';

/** A kind of the library as one document of it ("Working document", "Outcome document"). */
export function libraryKindLabel(t: TFunction, kind: LibraryKind): string {
  return kind === 'outcome' ? t('documents.library.outcome') : categoryName(t, kind);
}

/** Where an entry is read: an outcome document's page, or its place on its meeting's documents page. */
const pathOf = (entry: LibraryEntry) =>
  entry.source === 'outcome-document' && entry.slug
    ? `/documents/${entry.slug}`
    : `/meetings/${entry.meeting.slug}/documents#document-${entry.id}`;

/** The library's documents as cards: kind, title, symbol, meeting, date and the languages it is in. */
export function LibraryList({ entries }: { entries: LibraryEntry[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <ul className="card-grid card-grid--wide">
      {entries.map((entry) => (
        <li key={entry.id} className="card">
          <p className="card__kicker">
            {entry.type ? documentTypeLabel(t, entry.type) : libraryKindLabel(t, entry.kind)}
            {entry.status && entry.status !== 'adopted' && ` · ${documentStatusLabel(t, entry.status)}`}
          </p>
          <h2 className="card__title">
            <LangLink to={pathOf(entry)}>
              <DocumentTitle title={entry.title} />
            </LangLink>
          </h2>
          <dl className="facts facts--compact">
            <SymbolAndMeeting doc={entry} />
            <div>
              <dt>{t('documents.library.date')}</dt>
              <dd>{entry.date ? formatDate(entry.date, lang) : t('common.notRecorded')}</dd>
            </div>
            <div>
              <dt>{t('documents.library.languages')}</dt>
              <dd>
                {entry.languages.length > 0
                  ? entry.languages.map((code) => languageName(code, lang)).join(', ')
                  : t('documents.library.atSource')}
              </dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}
