import type { Document, DocumentRef } from '../../../contract/reference.js';
import { useTranslation } from '../../i18n/react.js';
import { LangLink } from '../shared/LangLink.js';
import { DocumentTitle } from '../shared/Localized.js';
import { documentTypeLabel } from './documentTypes.js';

/** A document's symbol and adopting meeting, as two entries of a facts list. */
export function SymbolAndMeeting({ doc }: { doc: Pick<Document, 'symbol' | 'meeting'> }) {
  const { t } = useTranslation();
  return (
    <>
      <div>
        <dt>{t('documents.symbol')}</dt>
        <dd>{doc.symbol ? <code>{doc.symbol}</code> : t('common.notRecorded')}</dd>
      </div>
      <div>
        <dt>{t('documents.meeting')}</dt>
        <dd>
          <LangLink to={`/meetings/${doc.meeting.slug}`}>{doc.meeting.shortName}</LangLink>
        </dd>
      </div>
    </>
  );
}

/** The short list of a meeting's documents: symbol and title. */
export function DocumentRefList({ documents }: { documents: DocumentRef[] }) {
  const { t } = useTranslation();
  return (
    <ul className="plain-list">
      {documents.map((doc) => (
        <li key={doc.id}>
          <span className="plain-list__kicker">{documentTypeLabel(t, doc.type)}</span>
          <LangLink to={`/documents/${doc.slug}`}>
            <DocumentTitle title={doc.title} />
          </LangLink>
          {doc.symbol && (
            <>
              {' '}
              <code className="symbol">{doc.symbol}</code>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
