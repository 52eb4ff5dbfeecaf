import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../contract/accounts.js';
import { LangLink } from '../shared/LangLink.js';
import { Field, FormAlert, onSubmit, useChecks, useFormErrors } from './forms.js';
import { useSignIn } from './queries.js';

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
      <Field label={t('signIn.email')} error={errors.email}>
        {(control) => (
          <input
            {...control}
            type="email"
            name="email"
            autoComplete="username"
            spellCheck={false}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('signIn.password')} error={errors.password}>
        {(control) => (
          <input
            {...control}
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button" disabled={signIn.isPending}>
          {signIn.isPending ? t('signIn.submitting') : t('signIn.submit')}
        </button>
        <LangLink to="/password-reset">{t('signIn.forgot')}</LangLink>
      </div>
    </form>
  );
}
