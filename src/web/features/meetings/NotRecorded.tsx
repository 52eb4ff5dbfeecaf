import type { MeetingDetail } from '../../../contract/meetings.js';
import { useTranslation } from '../../i18n/react.js';
import { DocumentRefList } from '../documents/DocumentCards.js';
import { SourcesList } from '../shared/SourcesList.js';
import type { MeetingPageName } from './meetingPages.js';

/**
 * A page a historic meeting has nothing on (issue 11 item 17): says that the platform does not
 * record it for a meeting held before it, and points to what is known — the documents the meeting
 * adopted and the sources of its record.
 */
export function NotRecorded({ meeting, page }: { meeting: MeetingDetail; page: MeetingPageName }) {
  const { t } = useTranslation();
  const values = { name: meeting.shortName };
  // Literal keys, so the catalog check sees each one.
  const sentence = {
    agenda: t('meetings.historic.agenda', values),
    documents: t('meetings.historic.documents', values),
    participants: t('meetings.historic.participants', values),
    registration: t('meetings.historic.registration', values),
    records: t('meetings.historic.records', values),
  }[page];
  return (
    <>
      <p className="notice">{sentence}</p>
      {meeting.documents.length > 0 && (
        <section aria-labelledby="historic-documents">
          <h2 id="historic-documents">{t('meetings.historic.adopted', values)}</h2>
          <DocumentRefList documents={meeting.documents} />
        </section>
      )}
      <SourcesList sources={meeting.sources} />
    </>
  );
}
