import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Document } from '../../contract/reference.js';
import { isNotFound } from '../api/client.js';
import { documentTypeLabel } from '../features/documents/documentTypes.js';
import { useDocument } from '../features/documents/queries.js';
import { PillarTags } from '../features/pillars/PillarTags.js';
import { formatDate } from '../features/shared/format.js';
import { LangLink } from '../features/shared/LangLink.js';
import { DocumentTitle, Localized } from '../features/shared/Localized.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { SourcesList } from '../features/shared/SourcesList.js';
import { useLang } from '../features/shared/useLang.js';
import { NotFoundPage } from './NotFoundPage.js';

export function DocumentPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const document = useDocument(slug);
  if (isNotFound(document.error)) return <NotFoundPage />;
  const data = document.data;
  return (
    <>
      <PageMeta
        title={data ? (data.title?.text ?? data.symbol ?? t('common.titleNotRecorded')) : t('documents.detailTitle')}
        description={
          data ? t('documents.detailDescription', { meeting: data.meeting.shortName }) : t('documents.description')
        }
      />
      <QueryState query={document}>{(doc) => <DocumentView doc={doc} />}</QueryState>
    </>
  );
}

function DocumentView({ doc }: { doc: Document }) {
  const { t } = useTranslation();
  const lang = useLang();
  const notRecorded = t('common.notRecorded');
  return (
    <>
      <PageHeader kicker={documentTypeLabel(t, doc.type)} title={<DocumentTitle title={doc.title} />} />
      <div className="container page-body detail">
        <dl className="facts">
          <div>
            <dt>{t('documents.symbol')}</dt>
            <dd>{doc.symbol ? <code>{doc.symbol}</code> : notRecorded}</dd>
          </div>
          <div>
            <dt>{t('documents.meeting')}</dt>
            <dd>
              <LangLink to={`/meetings/${doc.meeting.slug}`}>{doc.meeting.shortName}</LangLink>
            </dd>
          </div>
          <div>
            <dt>{t('documents.adoptedOn')}</dt>
            <dd>{doc.adoptedOn ? formatDate(doc.adoptedOn, lang) : notRecorded}</dd>
          </div>
          <div>
            <dt>{t('documents.typeLabel')}</dt>
            <dd>{documentTypeLabel(t, doc.type)}</dd>
          </div>
        </dl>
        {doc.description && (
          <p className="lead">
            <Localized value={doc.description} />
          </p>
        )}
        <section aria-labelledby="document-pillars">
          <h2 id="document-pillars">{t('documents.pillarsHeading')}</h2>
          {doc.pillars.length === 0 ? <p>{t('documents.noPillars')}</p> : <PillarTags pillars={doc.pillars} />}
        </section>
        <SourcesList sources={doc.sources} />
      </div>
    </>
  );
}
