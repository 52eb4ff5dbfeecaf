import { useParams } from 'react-router';
import { isNotFound } from '../api/client.js';
import { AddDocumentForm } from '../features/meeting-documents/AddDocumentForm.js';
import { DocumentList } from '../features/meeting-documents/DocumentList.js';
import { useMeetingDocuments } from '../features/meeting-documents/queries.js';
import { MeetingNav } from '../features/meetings/MeetingNav.js';
import { isHistoric } from '../features/meetings/meetingPages.js';
import { NotRecorded } from '../features/meetings/NotRecorded.js';
import { useMeeting } from '../features/meetings/queries.js';
import { Localized } from '../features/shared/Localized.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { useTranslation } from '../i18n/react.js';
import { NotFoundPage } from './NotFoundPage.js';

/** /{lang}/meetings/{slug}/documents: the meeting's documents; those who may also manage them. */
export function MeetingDocumentsPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const meeting = useMeeting(slug);
  const documents = useMeetingDocuments(slug);
  if (isNotFound(meeting.error) || isNotFound(documents.error)) return <NotFoundPage />;
  const name = meeting.data?.shortName ?? meeting.data?.name.text;
  return (
    <>
      <PageMeta
        title={name ? t('meetingDocuments.pageTitle', { name }) : t('meetingDocuments.title')}
        description={t('meetingDocuments.description')}
      />
      <PageHeader
        kicker={meeting.data ? <Localized value={meeting.data.name} /> : null}
        title={t('meetingDocuments.title')}
        lead={t('meetingDocuments.description')}
      />
      <div className="container page-body detail">
        <MeetingNav slug={slug} />
        <QueryState query={documents}>
          {(data) =>
            meeting.data && isHistoric(meeting.data) && data.items.length === 0 && !data.can.create ? (
              <NotRecorded meeting={meeting.data} page="documents" />
            ) : (
              <>
                <DocumentList slug={slug} documents={data.items} />
                {data.can.create && <AddDocumentForm slug={slug} />}
              </>
            )
          }
        </QueryState>
      </div>
    </>
  );
}
