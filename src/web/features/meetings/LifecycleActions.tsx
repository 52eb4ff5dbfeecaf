import { useTranslation } from 'react-i18next';
import type { MeetingDetail } from '../../../contract/meetings.js';
import { ConfirmButton } from '../account/ConfirmButton.js';
import { FormAlert, useProblemMessage } from '../shared/forms.js';
import { LangLink } from '../shared/LangLink.js';
import { useMeetingTransition } from './editQueries.js';
import { statusLabel, transitionLabels } from './labels.js';

/**
 * The secretariat's controls of a meeting: edit, and only the lifecycle steps the server says the
 * reader may take now, each asked twice. The server decides again when the button is pressed.
 */
export function LifecycleActions({ meeting, canEdit }: { meeting: MeetingDetail; canEdit: boolean }) {
  const { t } = useTranslation();
  const transition = useMeetingTransition(meeting.slug);
  const problem = useProblemMessage();
  const editable =
    canEdit && meeting.editable !== null && meeting.status !== 'concluded' && meeting.status !== 'cancelled';
  if (meeting.allowedTransitions.length === 0 && !editable) return null;
  return (
    <section className="meeting-actions" aria-labelledby="meeting-actions">
      <h2 id="meeting-actions">{t('meetings.actions.heading')}</h2>
      <p>{t('meetings.actions.status', { status: statusLabel(t, meeting.status) })}</p>
      <FormAlert message={problem(transition.error)} />
      <div className="meeting-actions__buttons">
        {editable && (
          <LangLink className="button button--secondary button--small" to={`/meetings/${meeting.slug}/edit`}>
            {t('meetings.actions.edit')}
          </LangLink>
        )}
        {meeting.allowedTransitions.map((name) => {
          const { label, question } = transitionLabels(t, name);
          return (
            <ConfirmButton
              key={name}
              label={label}
              confirmLabel={t('meetings.actions.confirm', { action: label })}
              question={question}
              busy={transition.isPending}
              onConfirm={() => transition.mutate({ transition: name, version: meeting.version })}
            />
          );
        })}
      </div>
    </section>
  );
}
