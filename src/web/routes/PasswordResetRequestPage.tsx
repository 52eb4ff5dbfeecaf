import { useRef, useState } from 'react';
import { useRequestPasswordReset } from '../features/account/linkQueries.js';
import { useMe } from '../features/account/queries.js';
import { EmailField, FormAlert, FormStatus, onSubmit, useChecks, useFormErrors } from '../features/shared/forms.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { useTranslation } from '../i18n/react.js';

/** Asks for a reset link by e-mail. The answer is the same whether or not an account uses the
 * address, so the page cannot be used to find out who has an account. */
export function PasswordResetRequestPage() {
  const { t } = useTranslation();
  const me = useMe();
  const request = useRequestPasswordReset();
  const form = useRef<HTMLFormElement>(null);
  const { errors, alert, check, failed } = useFormErrors(request.error, form);
  const checks = useChecks();
  const [email, setEmail] = useState<string | null>(null);
  const value = email ?? me.data?.email ?? '';

  function submit() {
    if (!check({ email: checks.email(value) })) return;
    request.mutate(value.trim(), { onError: failed });
  }

  return (
    <>
      <PageMeta title={t('reset.requestTitle')} description={t('reset.requestDescription')} />
      <PageHeader title={t('reset.requestTitle')} lead={t('reset.requestLead')} />
      <div className="container page-body narrow">
        <FormStatus message={request.isSuccess ? t('reset.sent', { email: request.variables }) : null} />
        <form ref={form} className="form" noValidate onSubmit={onSubmit(submit)}>
          <FormAlert message={alert} />
          <EmailField label={t('signIn.email')} error={errors.email} value={value} onChange={setEmail} />
          <div className="form__actions">
            <button type="submit" className="button" disabled={request.isPending}>
              {t('reset.send')}
            </button>
          </div>
        </form>
      </div>
    </>
  );
}
