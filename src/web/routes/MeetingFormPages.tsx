import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { MeetingDetail } from '../../contract/meetings.js';
import { isNotFound } from '../api/client.js';
import { SignedIn } from '../features/account/SignedIn.js';
import { AdminGate, Forbidden } from '../features/admin/AdminGate.js';
import { useCreateMeeting, useUpdateMeeting } from '../features/meetings/editQueries.js';
import { createInput, draftOf, type MeetingDraft, MeetingForm, updateInput } from '../features/meetings/MeetingForm.js';
import { useMeeting } from '../features/meetings/queries.js';
import { ConflictAlert, changedFields, useConflict } from '../features/shared/ConflictAlert.js';
import { LangLink, useLocalPath } from '../features/shared/LangLink.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { useTranslation } from '../i18n/react.js';
import { NotFoundPage } from './NotFoundPage.js';

/** The secretariat creates a meeting: it starts as a draft, seen only by the secretariat. */
export function MeetingNewPage() {
  const { t } = useTranslation();
  const create = useCreateMeeting();
  const navigate = useNavigate();
  const localPath = useLocalPath();
  return (
    <>
      <PageMeta title={t('meetings.form.newTitle')} description={t('meetings.form.newDescription')} />
      <PageHeader title={t('meetings.form.newTitle')} lead={t('meetings.form.newDescription')} />
      <div className="container page-body">
        <AdminGate allow="createMeetings">
          {() => (
            <MeetingForm
              initial={draftOf()}
              mode="create"
              error={create.error}
              pending={create.isPending}
              onSave={(draft, failed) =>
                create.mutate(createInput(draft), {
                  onSuccess: (meeting) => navigate(localPath(`/meetings/${meeting.slug}`)),
                  onError: failed,
                })
              }
            />
          )}
        </AdminGate>
      </div>
    </>
  );
}

/** The secretariat edits a meeting; a change made meanwhile by someone else is shown, not overwritten. */
export function MeetingEditPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const meeting = useMeeting(slug);
  if (isNotFound(meeting.error)) return <NotFoundPage />;
  return (
    <>
      <PageMeta
        title={t('meetings.form.editTitle', { name: meeting.data?.shortName ?? slug })}
        description={t('meetings.form.editDescription')}
      />
      <PageHeader
        kicker={meeting.data?.shortName}
        title={t('meetings.form.editTitle', { name: meeting.data?.shortName ?? slug })}
      />
      <div className="container page-body">
        <SignedIn>
          {() => (
            <QueryState query={meeting}>
              {(data) => (data.can.update ? <EditForm meeting={data} /> : <Forbidden />)}
            </QueryState>
          )}
        </SignedIn>
      </div>
    </>
  );
}

function EditForm({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const update = useUpdateMeeting(meeting.slug);
  const navigate = useNavigate();
  const localPath = useLocalPath();
  // The meeting the form was read from: a save names its version. After a conflict, keeping one's
  // edits takes the current version (the next save replaces it); loading it starts the form again
  // from it. A refetch of the page's query meanwhile never throws away what is being typed.
  const conflict = useConflict(meeting, update, (value) => 'editable' in value);
  const { read, current } = conflict;
  const [loads, setLoads] = useState(0);
  const changed = useMeetingChanges(read, current);
  if (read.editable === null) {
    return (
      <div className="notice" role="status">
        <p>{t('meetings.form.readOnly')}</p>
        <p>
          <LangLink to={`/meetings/${meeting.slug}`}>{t('meetings.form.back')}</LangLink>
        </p>
      </div>
    );
  }
  return (
    <>
      {/* A conflict is said once (issue 11 item 11), with what changed and the way on. */}
      <ConflictAlert
        error={current ? update.error : null}
        changedFields={changed}
        onKeep={conflict.keep}
        onReload={conflict.load(() => setLoads((n) => n + 1))}
        kept={conflict.kept}
      />
      <MeetingForm
        key={loads}
        initial={draftOf(read)}
        mode="edit"
        error={current ? null : update.error}
        pending={update.isPending}
        onSave={(draft, failed) => {
          conflict.sending();
          update.mutate(updateInput(draft, read.version), {
            onSuccess: (saved) => navigate(localPath(`/meetings/${saved.slug}`)),
            onError: failed,
          });
        }}
      />
    </>
  );
}

/** The labels of the meeting's fields someone else changed since the form read it. */
function useMeetingChanges(read: MeetingDetail, current: MeetingDetail | null): string[] {
  const { t } = useTranslation();
  if (!current) return [];
  const [before, after] = [draftOf(read), draftOf(current)];
  const field = <K extends keyof MeetingDraft>(label: string, key: K) =>
    [label, (draft: MeetingDraft) => draft[key]] as const;
  return changedFields(before, after, [
    field(t('meetings.form.name'), 'names'),
    field(t('meetings.form.technicalGroup'), 'technicalGroup'),
    field(t('meetings.form.prepares'), 'prepares'),
    field(t('meetings.form.format'), 'format'),
    field(t('meetings.host'), 'hostState'),
    field(t('meetings.city'), 'city'),
    field(t('meetings.venue'), 'venue'),
    field(t('meetings.onlineUrl'), 'onlineUrl'),
    field(t('meetings.form.timeZone'), 'timeZone'),
    field(t('meetings.form.start'), 'start'),
    field(t('meetings.form.end'), 'end'),
    field(t('meetings.registrationDeadline'), 'registrationDeadline'),
    field(t('meetings.workingLangs'), 'workingLangs'),
    field(t('meetings.pillarsHeading'), 'pillars'),
  ]);
}
