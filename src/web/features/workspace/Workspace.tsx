import type { Lang } from '../../../contract/common.js';
import type { WorkspaceMeeting, WorkspaceQueue } from '../../../contract/workspace.js';
import type { WorkspaceDeadline, WorkspaceQueueKey } from '../../../domain/workspace.js';
import { useTranslation } from '../../i18n/react.js';
import type { TFunction } from '../../i18n/translator.js';
import { formatDateTime } from '../account/time.js';
import { statusLabel as delegationStatusLabel } from '../delegations/labels.js';
import { statusLabel as meetingStatusLabel } from '../meetings/labels.js';
import { FormAlert, FormStatus, useProblemMessage } from '../shared/forms.js';
import { LangLink } from '../shared/LangLink.js';
import { QueryState } from '../shared/QueryState.js';
import { useLang } from '../shared/useLang.js';
import { useRemindStates, useWorkspace } from './queries.js';
import './workspace.css';

// Literal keys, so the catalog check finds every one of them.
function queueTitle(t: TFunction, key: WorkspaceQueueKey): string {
  switch (key) {
    case 'registrations-to-accredit':
      return t('workspace.queue.registrationsToAccredit');
    case 'change-requests':
      return t('workspace.queue.changeRequests');
    case 'minutes-awaiting-comments':
      return t('workspace.queue.minutesAwaitingComments');
    case 'amendments-to-rule':
      return t('workspace.queue.amendmentsToRule');
    case 'reports-to-review':
      return t('workspace.queue.reportsToReview');
    case 'reports-to-write':
      return t('workspace.queue.reportsToWrite');
    case 'comments-asked':
      return t('workspace.queue.commentsAsked');
    case 'new-documents':
      return t('workspace.queue.newDocuments');
    case 'shared-documents':
      return t('workspace.queue.sharedDocuments');
  }
}

function deadlineLabel(t: TFunction, kind: WorkspaceDeadline, when: string): string {
  switch (kind) {
    case 'registration-deadline':
      return t('workspace.deadline.registration', { when });
    case 'start':
      return t('workspace.deadline.start', { when });
    case 'end':
      return t('workspace.deadline.end', { when });
  }
}

/** A date (YYYY-MM-DD, a deadline of the day) or an instant, in the reader's language. */
function formatAt(at: string, lang: Lang): string {
  if (at.length === 10) {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${at}T00:00Z`));
  }
  return formatDateTime(at, lang);
}

/** The signed-in reader's workspace: the meetings they follow, then each queue of work, every item
 * a link to where it is done. */
export function Workspace() {
  const { t } = useTranslation();
  const lang = useLang();
  const workspace = useWorkspace();
  return (
    <QueryState query={workspace}>
      {(data) => (
        <>
          <p className="workspace__visit">
            {data.lastVisitAt
              ? t('workspace.lastVisit', { when: formatDateTime(data.lastVisitAt, lang) })
              : t('workspace.firstVisit')}
          </p>
          <section aria-labelledby="workspace-meetings" className="workspace__section">
            <h2 id="workspace-meetings">{t('workspace.meetings')}</h2>
            {data.meetings.length === 0 ? (
              <p>{t('workspace.noMeetings')}</p>
            ) : (
              <ul className="workspace__meetings">
                {data.meetings.map((meeting) => (
                  <MeetingCard key={meeting.slug} meeting={meeting} />
                ))}
              </ul>
            )}
          </section>
          {data.queues.map((queue) => (
            <Queue key={queue.key} queue={queue} />
          ))}
        </>
      )}
    </QueryState>
  );
}

function MeetingCard({ meeting }: { meeting: WorkspaceMeeting }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <li className="workspace__meeting">
      <h3>
        <LangLink to={`/meetings/${meeting.slug}`} lang={meeting.name.lang === lang ? undefined : meeting.name.lang}>
          {meeting.name.text}
        </LangLink>
      </h3>
      <p className="workspace__meta">
        <span className="badge">{meetingStatusLabel(t, meeting.status)}</span>
        {meeting.nextDeadline && (
          <span>{deadlineLabel(t, meeting.nextDeadline.kind, formatAt(meeting.nextDeadline.at, lang))}</span>
        )}
      </p>
      {meeting.registration && <Registration meeting={meeting} registration={meeting.registration} />}
      {meeting.delegations.map((delegation) => (
        <p key={delegation.id}>
          <LangLink to={`/meetings/${meeting.slug}/registration`}>
            {t('workspace.delegation', { name: delegation.name, status: delegationStatusLabel(t, delegation.status) })}
          </LangLink>
        </p>
      ))}
      {!meeting.registration && meeting.delegations.length === 0 && meeting.status === 'registration-open' && (
        <p>
          <LangLink to={`/meetings/${meeting.slug}/registration`}>{t('workspace.notRegistered')}</LangLink>
        </p>
      )}
    </li>
  );
}

function Registration({
  meeting,
  registration,
}: {
  meeting: WorkspaceMeeting;
  registration: NonNullable<WorkspaceMeeting['registration']>;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const remind = useRemindStates(meeting.slug);
  const problemMessage = useProblemMessage();
  const numbers = new Intl.NumberFormat(lang);
  return (
    <div className="workspace__registration">
      <p>
        <LangLink to={`/meetings/${meeting.slug}/registration`}>
          {t('workspace.registered', {
            registered: numbers.format(registration.registered),
            total: numbers.format(registration.total),
          })}
        </LangLink>
      </p>
      {registration.missing.length > 0 && (
        <details>
          <summary>{t('workspace.missing', { count: registration.missing.length })}</summary>
          <ul className="workspace__states">
            {registration.missing.map((state) => (
              <li key={state.slug} lang={state.name.lang === lang ? undefined : state.name.lang}>
                {state.name.text}
              </li>
            ))}
          </ul>
        </details>
      )}
      {registration.canRemind && registration.missing.length > 0 && (
        <p>
          <button type="button" className="button" disabled={remind.isPending} onClick={() => remind.mutate()}>
            {t('workspace.remind')}
            <span className="visually-hidden"> — {meeting.name.text}</span>
          </button>
        </p>
      )}
      <FormStatus message={remind.data ? t('workspace.reminded', { count: remind.data.recipients }) : null} />
      <FormAlert message={remind.isError ? problemMessage(remind.error) : null} />
    </div>
  );
}

function Queue({ queue }: { queue: WorkspaceQueue }) {
  const { t } = useTranslation();
  const lang = useLang();
  const id = `workspace-${queue.key}`;
  return (
    <section aria-labelledby={id} className="workspace__section">
      <h2 id={id}>
        {queueTitle(t, queue.key)}{' '}
        <span className="workspace__count">{new Intl.NumberFormat(lang).format(queue.count)}</span>
      </h2>
      {queue.count === 0 ? (
        <p>{t('workspace.nothingWaiting')}</p>
      ) : (
        <>
          <ul className="workspace__items">
            {queue.items.map((item) => (
              <li key={item.id}>
                <LangLink to={item.path}>{item.title}</LangLink>
                {item.detail && <span className="workspace__detail"> · {item.detail}</span>}
                {item.meeting && (
                  <span
                    className="workspace__detail"
                    lang={item.meeting.name.lang === lang ? undefined : item.meeting.name.lang}
                  >
                    {' '}
                    · {item.meeting.name.text}
                  </span>
                )}
                {item.at && <span className="workspace__detail"> · {formatAt(item.at, lang)}</span>}
              </li>
            ))}
          </ul>
          {queue.count > queue.items.length && (
            <p>{t('workspace.more', { count: queue.count - queue.items.length })}</p>
          )}
        </>
      )}
    </section>
  );
}
