import type { MeetingDocument, MeetingDocumentRevision } from '../../../contract/meeting-documents.js';
import { MEETING_DOCUMENT_CATEGORIES } from '../../../domain/meeting-documents.js';
import { languageName } from '../../i18n/languages.js';
import { useTranslation } from '../../i18n/react.js';
import { formatDate } from '../shared/format.js';
import { Localized } from '../shared/Localized.js';
import { useLang } from '../shared/useLang.js';
import { categoryHeading, formatOf, formatSize } from './labels.js';
import { ManageDocument } from './ManageDocument.js';
import './meeting-documents.css';

/** A meeting's documents by series, each with its files per language and earlier revisions. */
export function DocumentList({ slug, documents }: { slug: string; documents: MeetingDocument[] }) {
  const { t } = useTranslation();
  if (documents.length === 0) return <p className="status">{t('meetingDocuments.empty')}</p>;
  return (
    <>
      {MEETING_DOCUMENT_CATEGORIES.map((category) => {
        const ofCategory = documents.filter((d) => d.category === category);
        if (ofCategory.length === 0) return null;
        return (
          <section key={category} className="meeting-documents" aria-labelledby={`documents-${category}`}>
            <h2 id={`documents-${category}`}>{categoryHeading(t, category)}</h2>
            <ol className="meeting-documents__list">
              {ofCategory.map((document) => (
                <li key={document.id}>
                  <DocumentEntry slug={slug} document={document} />
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </>
  );
}

function DocumentEntry({ slug, document }: { slug: string; document: MeetingDocument }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [current, ...earlier] = document.revisions;
  // The day in UTC, as every calendar day of the portal: the server that renders the page and the
  // reader's browser must write the same day.
  const adopted = document.adoptedAt ? formatDate(document.adoptedAt.slice(0, 10), lang) : null;
  return (
    <article className="meeting-document" aria-labelledby={`document-${document.id}`}>
      <p className="meeting-document__symbol">{document.symbol}</p>
      <h3 id={`document-${document.id}`} className="meeting-document__title">
        <Localized value={document.title} />
      </h3>
      <p className="meeting-document__facts">
        <span>{t('meetingDocuments.original', { language: languageName(document.originalLang, lang, true) })}</span>
        {document.visibility === 'delegations' && (
          <span className="badge">{t('meetingDocuments.delegationsOnly')}</span>
        )}
        {adopted && <span className="badge badge--ok">{t('meetingDocuments.adopted', { date: adopted })}</span>}
      </p>
      {current && <FileLinks revision={current} />}
      {earlier.length > 0 && (
        <details className="meeting-document__earlier">
          <summary>{t('meetingDocuments.earlierRevisions', { number: earlier.length })}</summary>
          <ul>
            {earlier.map((revision) => (
              <li key={revision.revision}>
                <span className="meeting-document__symbol">{revision.symbol}</span>
                <FileLinks revision={revision} />
              </li>
            ))}
          </ul>
        </details>
      )}
      {(document.can.update || document.can.revise || document.can.upload) && (
        <ManageDocument slug={slug} document={document} />
      )}
    </article>
  );
}

function FileLinks({ revision }: { revision: MeetingDocumentRevision }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (revision.files.length === 0) return <p className="meeting-document__none">{t('meetingDocuments.noFiles')}</p>;
  return (
    <ul className="meeting-document__files" aria-label={t('meetingDocuments.filesOf', { symbol: revision.symbol })}>
      {revision.files.map((file) => (
        <li key={file.lang}>
          <a href={file.url} download hrefLang={file.lang}>
            {/* Only names and numbers, each in the reader's language: no sentence to translate. */}
            {`${languageName(file.lang, lang)} (${formatOf(file.mediaType)}, ${formatSize(file.size, lang)})`}
          </a>
        </li>
      ))}
    </ul>
  );
}
