import { useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/client.js';
import { useResetPassword } from '../features/account/linkQueries.js';
import { NewPasswordFields } from '../features/account/NewPasswordFields.js';
import { FormAlert, onSubmit, useChecks, useFormErrors } from '../features/shared/forms.js';
import { LangLink, useLocalPath } from '../features/shared/LangLink.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { useTranslation } from '../i18n/react.js';

/** Opened from the reset e-mail: choose a new password. */
export function PasswordResetPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const reset = useResetPassword(token);
  const navigate = useNavigate();
  const localPath = useLocalPath();
  const form = useRef<HTMLFormElement>(null);
  const { errors, alert, check, failed } = useFormErrors(reset.error, form);
  const checks = useChecks();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  // An expired, used or mistyped link will not work however the form is filled in.
  const deadLink = reset.error instanceof ApiError && (reset.error.status === 404 || reset.error.status === 410);

  function submit() {
    if (!check({ password: checks.newPassword(password), confirm: checks.sameAs(confirm, password) })) return;
    reset.mutate(password, {
      onSuccess: () => navigate(localPath('/sign-in?passwordChanged=1')),
      onError: failed,
    });
  }

  return (
    <>
      <PageMeta title={t('reset.title')} description={t('reset.description')} />
      <PageHeader title={t('reset.title')} lead={t('reset.lead')} />
      <div className="container page-body narrow">
        <form ref={form} className="form" noValidate onSubmit={onSubmit(submit)}>
          <FormAlert message={alert} />
          {deadLink && (
            <p>
              <LangLink to="/password-reset">{t('reset.askAgain')}</LangLink>
            </p>
          )}
          <NewPasswordFields
            password={password}
            confirm={confirm}
            onPassword={setPassword}
            onConfirm={setConfirm}
            errors={errors}
          />
          <div className="form__actions">
            <button type="submit" className="button" disabled={reset.isPending}>
              {t('reset.submit')}
            </button>
          </div>
        </form>
      </div>
    </>
  );
}
