import { useState } from 'react';
import type { MeetingDetail } from '../../../contract/meetings.js';
import { ApiError } from '../../api/client.js';
import { useTranslation } from '../../i18n/react.js';
import { ConfirmButton } from '../account/ConfirmButton.js';
import { FormAlert, onSubmit, TextField, useProblemMessage } from '../shared/forms.js';
import { LangLink } from '../shared/LangLink.js';
import { useMeetingTransition } from './editQueries.js';
import { statusLabel, transitionLabels } from './labels.js';

/**
 * The secretariat's controls of a meeting: edit, and only the lifecycle steps the server says the
 * reader may take now, each asked twice. The server decides again when the button is pressed.
 */
export function LifecycleActions({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const transition = useMeetingTransition(meeting.slug);
  const problem = useProblemMessage();
  // A step the meeting's dates do not allow yet: the server says whether this reader may override it.
  const early = tooEarly(transition.error) ? transition.variables?.transition : undefined;
  const editable = meeting.can.update;
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
      {early && (
        <OverrideForm
          label={transitionLabels(t, early).label}
          busy={transition.isPending}
          onOverride={(reason) =>
            transition.mutate({ transition: early, version: meeting.version, overrideReason: reason })
          }
        />
      )}
    </section>
  );
}

/** Whether a failed step was refused as too early for the meeting's dates, with an override open to the reader. */
function tooEarly(error: unknown): boolean {
  if (!(error instanceof ApiError) || error.status !== 409) return false;
  return (error.problem as { canOverride?: boolean } | null)?.canOverride === true;
}

/** Makes a step before the meeting's dates allow it, with the reason the audit trail keeps. */
function OverrideForm({
  label,
  busy,
  onOverride,
}: {
  label: string;
  busy: boolean;
  onOverride: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <form
      className="form meeting-actions__override"
      noValidate
      onSubmit={onSubmit(() => {
        setMissing(reason.trim() === '');
        if (reason.trim() !== '') onOverride(reason.trim());
      })}
    >
      <TextField
        label={t('meetings.actions.overrideReason')}
        error={missing ? t('forms.required') : undefined}
        maxLength={2000}
        value={reason}
        onChange={setReason}
      />
      <button type="submit" className="button button--small" disabled={busy}>
        {t('meetings.actions.override', { action: label })}
      </button>
    </form>
  );
}
