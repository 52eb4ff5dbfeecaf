import { type FormEvent, useState } from 'react';
import type { NotificationPreferences } from '../../../contract/notifications.js';
import {
  NOTIFICATION_FREQUENCIES,
  NOTIFICATION_KINDS,
  type NotificationFrequency,
  type NotificationKind,
} from '../../../domain/notifications.js';
import { useTranslation } from '../../i18n/react.js';
import { FormAlert, FormStatus, useProblemMessage } from '../shared/forms.js';
import { QueryState } from '../shared/QueryState.js';
import { useNotificationPreferences, useSetNotificationPreferences } from './queries.js';

/** What each kind is called on the account page (literal keys, for the catalog extractor). */
export function useKindLabels(): Record<NotificationKind, string> {
  const { t } = useTranslation();
  return {
    'delegation-submitted': t('notifications.kind.delegationSubmitted'),
    'delegation-accredited': t('notifications.kind.delegationAccredited'),
    'delegation-returned': t('notifications.kind.delegationReturned'),
    'change-decided': t('notifications.kind.changeDecided'),
    'minutes-shared': t('notifications.kind.minutesShared'),
    'meeting-convened': t('notifications.kind.meetingConvened'),
    'registration-opened': t('notifications.kind.registrationOpened'),
    'registration-closed': t('notifications.kind.registrationClosed'),
    'document-added': t('notifications.kind.documentAdded'),
    'document-revised': t('notifications.kind.documentRevised'),
  };
}

function useFrequencyLabels(): Record<NotificationFrequency, string> {
  const { t } = useTranslation();
  return {
    immediately: t('notifications.frequency.immediately'),
    daily: t('notifications.frequency.daily'),
    never: t('notifications.frequency.never'),
  };
}

/** The account page's choice, per kind of notice, of e-mails at once, a daily digest, or none. */
export function PreferencesSection() {
  const { t } = useTranslation();
  const preferences = useNotificationPreferences();
  return (
    <section aria-labelledby="account-notifications">
      <h2 id="account-notifications">{t('notifications.preferencesHeading')}</h2>
      <p>{t('notifications.preferencesLead')}</p>
      <QueryState query={preferences}>{(current) => <PreferencesForm current={current} />}</QueryState>
    </section>
  );
}

function PreferencesForm({ current }: { current: NotificationPreferences }) {
  const { t } = useTranslation();
  const kinds = useKindLabels();
  const frequencies = useFrequencyLabels();
  const save = useSetNotificationPreferences();
  const problemMessage = useProblemMessage();
  const [chosen, setChosen] = useState<NotificationPreferences>(current);

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(chosen);
  }

  return (
    <form className="form notification-preferences" onSubmit={submit}>
      <FormAlert message={problemMessage(save.error)} />
      {NOTIFICATION_KINDS.map((kind) => (
        <div className="field" key={kind}>
          <label htmlFor={`notify-${kind}`}>{kinds[kind]}</label>
          <select
            id={`notify-${kind}`}
            value={chosen[kind]}
            onChange={(event) =>
              setChosen((before) => ({ ...before, [kind]: event.target.value as NotificationFrequency }))
            }
          >
            {NOTIFICATION_FREQUENCIES.map((frequency) => (
              <option key={frequency} value={frequency}>
                {frequencies[frequency]}
              </option>
            ))}
          </select>
        </div>
      ))}
      <FormStatus message={save.isSuccess ? t('notifications.saved') : null} />
      <button type="submit" className="button" disabled={save.isPending}>
        {t('notifications.save')}
      </button>
    </form>
  );
}
