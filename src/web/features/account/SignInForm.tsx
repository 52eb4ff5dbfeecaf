import { useRef, useState } from 'react';
import type { Me } from '../../../contract/accounts.js';
import { useTranslation } from '../../i18n/react.js';
import { EmailField, FormAlert, onSubmit, TextField, useChecks, useFormErrors } from '../shared/forms.js';
import { LangLink } from '../shared/LangLink.js';
import { useSignIn } from './signInQueries.js';

/** E-mail and password; `onSignedIn` receives the user as /me now describes them. */
export function SignInForm({ initialEmail = '', onSignedIn }: { initialEmail?: string; onSignedIn: (me: Me) => void }) {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const form = useRef<HTMLFormElement>(null);
  const { errors, alert, check, failed } = useFormErrors(signIn.error, form);
  const checks = useChecks();
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');

  function submit() {
    if (!check({ email: checks.email(email), password: checks.required(password) })) return;
    signIn.mutate(
      { email: email.trim(), password },
      {
        onSuccess: (me) => {
          if (me) onSignedIn(me);
        },
        onError: () => {
          setPassword('');
          failed();
        },
      },
    );
  }

  return (
    <form ref={form} className="form" noValidate onSubmit={onSubmit(submit)}>
      <FormAlert message={alert} />
      <EmailField label={t('signIn.email')} error={errors.email} value={email} onChange={setEmail} />
      <TextField
        label={t('signIn.password')}
        error={errors.password}
        type="password"
        name="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={signIn.isPending}>
          {signIn.isPending ? t('signIn.submitting') : t('signIn.submit')}
        </button>
        <LangLink to="/password-reset">{t('signIn.forgot')}</LangLink>
      </div>
    </form>
  );
}
