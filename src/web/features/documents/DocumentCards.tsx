import { useTranslation } from 'react-i18next';
import type { Document, DocumentRef } from '../../../contract/reference.js';
import { PillarTags } from '../pillars/PillarTags.js';
import { formatDate } from '../shared/format.js';
import { LangLink } from '../shared/LangLink.js';
import { DocumentTitle } from '../shared/Localized.js';
import { useLang } from '../shared/useLang.js';
import { documentTypeLabel } from './documentTypes.js';

/** Documents as cards: type, title, symbol, adopting meeting and date, pillars. */
export function DocumentCards({ documents, headingLevel = 2 }: { documents: Document[]; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const lang = useLang();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul className="card-grid card-grid--wide">
      {documents.map((doc) => (
        <li key={doc.id} className="card">
          <p className="card__kicker">{documentTypeLabel(t, doc.type)}</p>
          <Heading className="card__title">
            <LangLink to={`/documents/${doc.slug}`}>
              <DocumentTitle title={doc.title} />
            </LangLink>
          </Heading>
          <dl className="facts facts--compact">
            <SymbolAndMeeting doc={doc} />
            <div>
              <dt>{t('documents.adoptedOn')}</dt>
              <dd>{doc.adoptedOn ? formatDate(doc.adoptedOn, lang) : t('common.notRecorded')}</dd>
            </div>
          </dl>
          <PillarTags pillars={doc.pillars} />
        </li>
      ))}
    </ul>
  );
}

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
