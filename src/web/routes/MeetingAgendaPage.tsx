import { useState } from 'react';
import { useParams } from 'react-router';
import type { AgendaItem } from '../../contract/agenda.js';
import { isNotFound } from '../api/client.js';
import { AgendaItemForm } from '../features/agenda/AgendaItemForm.js';
import { AgendaList } from '../features/agenda/AgendaList.js';
import { useAgenda } from '../features/agenda/queries.js';
import { useTranslation } from '../i18n/react.js';
import '../features/agenda/agenda.css';
import { useMeetingDocuments } from '../features/meeting-documents/queries.js';
import { MeetingNav } from '../features/meetings/MeetingNav.js';
import { isHistoric } from '../features/meetings/meetingPages.js';
import { NotRecorded } from '../features/meetings/NotRecorded.js';
import { useMeeting } from '../features/meetings/queries.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { NotFoundPage } from './NotFoundPage.js';

/** The agenda of a meeting for everyone, each item with its documents; for those who may edit it also the editor. */
export function MeetingAgendaPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const agenda = useAgenda(slug);
  const meeting = useMeeting(slug);
  const documents = useMeetingDocuments(slug);
  const [editing, setEditing] = useState<AgendaItem | 'new' | null>(null);
  if (isNotFound(agenda.error)) return <NotFoundPage />;
  const name = meeting.data?.name.text ?? slug;
  const reload = () => {
    setEditing(null);
    void agenda.refetch();
  };
  // The reader's own reorder or document link moves the item being edited on (its times, its
  // version): the form then shows it as it is now, rather than the item it was opened with.
  const changed = (items: readonly AgendaItem[]) =>
    setEditing((open) => (open === null || open === 'new' ? open : (items.find((i) => i.id === open.id) ?? open)));
  return (
    <>
      <PageMeta title={t('agenda.pageTitle', { name })} description={t('agenda.description', { name })} />
      <PageHeader kicker={name} title={t('agenda.title')} />
      <div className="container page-body">
        <MeetingNav slug={slug} />
        <QueryState query={agenda}>
          {(data) => {
            const venueZone = data.meeting.timeZone ?? 'UTC';
            // The server says what the reader may do: edit an open agenda, or override a frozen one.
            const mayEdit = data.can.edit || data.can.override;
            // A historic meeting's agenda was never kept here: said so, with what the meeting adopted.
            if (meeting.data && isHistoric(meeting.data) && data.items.length === 0 && !mayEdit) {
              return <NotRecorded meeting={meeting.data} page="agenda" />;
            }
            return (
              <>
                {/* Frozen matters to those who may still change it; readers see the agenda as it stands. */}
                {data.can.override && <p className="notice">{t('agenda.frozenOverride')}</p>}
                <AgendaList
                  agenda={data}
                  documents={documents.data?.items ?? []}
                  editable={mayEdit}
                  override={data.can.override}
                  onEdit={setEditing}
                  onChanged={changed}
                  onReload={reload}
                />
                {mayEdit &&
                  (editing === null ? (
                    <p>
                      <button type="button" className="button" onClick={() => setEditing('new')}>
                        {t('agenda.addButton')}
                      </button>
                    </p>
                  ) : (
                    <AgendaItemForm
                      key={editing === 'new' ? 'new' : `${editing.id}-${editing.version}`}
                      slug={slug}
                      item={editing === 'new' ? null : editing}
                      items={data.items}
                      venueZone={venueZone}
                      frozen={data.frozen}
                      mayOverride={data.can.override}
                      onDone={() => setEditing(null)}
                      onReload={reload}
                    />
                  ))}
              </>
            );
          }}
        </QueryState>
      </div>
    </>
  );
}
