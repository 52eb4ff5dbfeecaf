import { useRef, useState } from 'react';
import type { PasswordChanged } from '../../../contract/users.js';
import { useTranslation } from '../../i18n/react.js';
import { FormAlert, FormStatus, onSubmit, TextField, useChecks, useFormErrors } from '../shared/forms.js';
import { NewPasswordFields } from './NewPasswordFields.js';
import { useChangePassword } from './ownQueries.js';

/** A new password, given the current one; the server ends the other sessions and the API tokens and says how many. */
export function ChangePasswordForm() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const form = useRef<HTMLFormElement>(null);
  const { errors, alert, check, failed } = useFormErrors(change.error, form);
  const checks = useChecks();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [changed, setChanged] = useState<PasswordChanged | null>(null);

  function submit() {
    setChanged(null);
    const found = {
      currentPassword: checks.required(current),
      password: checks.newPassword(password),
      confirm: checks.sameAs(confirm, password),
    };
    if (!check(found)) return;
    change.mutate(
      { currentPassword: current, newPassword: password },
      {
        onSuccess: (reply) => {
          setCurrent('');
          setPassword('');
          setConfirm('');
          setChanged(reply);
        },
        onError: () => {
          setCurrent('');
          failed();
        },
      },
    );
  }

  const status =
    changed === null
      ? null
      : [
          t('account.passwordChanged'),
          changed.ended > 0 ? t('account.otherSessionsEnded', { count: changed.ended }) : '',
          changed.tokensRevoked > 0 ? t('account.tokensRevoked', { count: changed.tokensRevoked }) : '',
        ]
          .filter(Boolean)
          .join(' ');

  return (
    <form ref={form} className="form" noValidate onSubmit={onSubmit(submit)}>
      <FormAlert message={alert} />
      <FormStatus message={status} />
      <TextField
        label={t('account.currentPassword')}
        error={errors.currentPassword}
        type="password"
        name="currentPassword"
        autoComplete="current-password"
        value={current}
        onChange={setCurrent}
      />
      <NewPasswordFields
        password={password}
        confirm={confirm}
        onPassword={setPassword}
        onConfirm={setConfirm}
        // The server names the new password `newPassword`; the fields call it `password`.
        errors={{ ...errors, password: errors.password ?? errors.newPassword }}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={change.isPending}>
          {change.isPending ? t('account.saving') : t('account.passwordSubmit')}
        </button>
      </div>
    </form>
  );
}
