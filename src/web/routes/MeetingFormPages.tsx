import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { MeetingDetail } from '../../contract/meetings.js';
import { ApiError, isNotFound } from '../api/client.js';
import { SignedIn } from '../features/account/SignedIn.js';
import { AdminGate, Forbidden } from '../features/admin/AdminGate.js';
import { useCreateMeeting, useUpdateMeeting } from '../features/meetings/editQueries.js';
import { createInput, draftOf, MeetingForm, updateInput } from '../features/meetings/MeetingForm.js';
import { useMeeting } from '../features/meetings/queries.js';
import { LangLink, useLocalPath } from '../features/shared/LangLink.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
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
  if (meeting.editable === null) {
    return (
      <div className="notice" role="status">
        <p>{t('meetings.form.readOnly')}</p>
        <p>
          <LangLink to={`/meetings/${meeting.slug}`}>{t('meetings.form.back')}</LangLink>
        </p>
      </div>
    );
  }
  const stale = update.error instanceof ApiError && update.error.status === 409;
  return (
    <>
      {stale && (
        <div className="notice notice--warning" role="alert">
          <p>{t('meetings.form.stale')}</p>
          <p>
            <LangLink to={`/meetings/${meeting.slug}`}>{t('meetings.form.back')}</LangLink>
          </p>
        </div>
      )}
      <MeetingForm
        // The form starts again from the meeting as it is now whenever the server's version changes.
        key={meeting.version}
        initial={draftOf(meeting)}
        mode="edit"
        error={update.error}
        pending={update.isPending}
        onSave={(draft, failed) =>
          update.mutate(updateInput(draft, meeting.version), {
            onSuccess: (saved) => navigate(localPath(`/meetings/${saved.slug}`)),
            onError: failed,
          })
        }
      />
    </>
  );
}
