import { useParams } from 'react-router';
import { isNotFound } from '../api/client.js';
import { useTranslation } from '../i18n/react.js';
import '../features/agenda/agenda.css';
import { DecisionsSection } from '../features/meeting-records/DecisionsSection.js';
import { useRecords } from '../features/meeting-records/queries.js';
import { RecordSection } from '../features/meeting-records/RecordSection.js';
import { SeriesSection } from '../features/meeting-records/SeriesSection.js';
import { MeetingNav } from '../features/meetings/MeetingNav.js';
import { holdsRecords, isHistoric } from '../features/meetings/meetingPages.js';
import { NotRecorded } from '../features/meetings/NotRecorded.js';
import { useMeeting } from '../features/meetings/queries.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { NotFoundPage } from './NotFoundPage.js';

/** Minutes, report and decisions of a meeting: what the reader may see, and what they may do. */
export function MeetingRecordsPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const records = useRecords(slug);
  const meeting = useMeeting(slug);
  if (isNotFound(records.error)) return <NotFoundPage />;
  const name = meeting.data?.name.text ?? slug;
  return (
    <>
      <PageMeta title={t('records.pageTitle', { name })} description={t('records.description', { name })} />
      <PageHeader kicker={name} title={t('records.title')} />
      <div className="container page-body stack">
        <MeetingNav slug={slug} />
        <QueryState query={records}>
          {(data) =>
            meeting.data && isHistoric(meeting.data) && !data.can.manage && !holdsRecords(data) ? (
              <NotRecorded meeting={meeting.data} page="records" />
            ) : (
              <>
                {(['minutes', 'report'] as const).map((kind) => (
                  <RecordSection
                    key={kind}
                    slug={slug}
                    kind={kind}
                    versions={data[kind]}
                    writeFirst={data.can.manage}
                  />
                ))}
                <DecisionsSection
                  slug={slug}
                  decisions={data.decisions}
                  waiting={data.can.manage && data.decisions !== null && !data.decisions.can.create}
                  onReload={() => void records.refetch()}
                />
                {data.meeting.kind === 'technical-group' && data.meeting.technicalGroup && (
                  <SeriesSection group={data.meeting.technicalGroup} />
                )}
              </>
            )
          }
        </QueryState>
      </div>
    </>
  );
}
