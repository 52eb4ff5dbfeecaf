import { useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { InvitationView } from '../../contract/users.js';
import { ApiError } from '../api/client.js';
import { useAcceptInvitation, useInvitation } from '../features/account/linkQueries.js';
import { NewPasswordFields } from '../features/account/NewPasswordFields.js';
import { checkPerson, PersonFields, toPersonInput, usePersonDraft } from '../features/account/PersonFields.js';
import { formatDateTime } from '../features/account/time.js';
import { Field, FormAlert, onSubmit, useChecks, useFormErrors, useProblemMessage } from '../features/shared/forms.js';
import { LangLink, useLocalPath } from '../features/shared/LangLink.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { useLang } from '../features/shared/useLang.js';
import { useTranslation } from '../i18n/react.js';

/** Opened from the invitation e-mail (or the first-administrator link): choose a password. */
export function InvitationPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const invitation = useInvitation(token);
  const problemMessage = useProblemMessage();
  // A link that leads nowhere is an answer, not a failure to load: say what the server said.
  const unknown = invitation.error instanceof ApiError && invitation.error.status < 500;
  return (
    <>
      <PageMeta title={t('invitation.title')} description={t('invitation.description')} />
      <PageHeader title={t('invitation.title')} lead={t('invitation.lead')} />
      <div className="container page-body narrow">
        {unknown ? (
          <div className="notice notice--warning" role="alert">
            <p>{problemMessage(invitation.error)}</p>
          </div>
        ) : (
          <QueryState query={invitation}>{(view) => <InvitationDetails view={view} token={token} />}</QueryState>
        )}
      </div>
    </>
  );
}

function InvitationDetails({ view, token }: { view: InvitationView; token: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (view.state === 'used') {
    return (
      <div className="notice notice--warning">
        <p>{t('invitation.used')}</p>
        <p>
          <LangLink className="button" to="/sign-in">
            {t('account.signIn')}
          </LangLink>
        </p>
      </div>
    );
  }
  if (view.state === 'expired') {
    return (
      <div className="notice notice--warning">
        <p>{t('invitation.expired')}</p>
      </div>
    );
  }
  return (
    <>
      <p>
        {view.setup
          ? t('invitation.setupIntro')
          : t('invitation.intro', { name: view.displayName ?? '', email: view.email ?? '' })}{' '}
        {t('invitation.expires', { when: formatDateTime(view.expiresAt, lang) })}
      </p>
      <AcceptForm view={view} token={token} />
    </>
  );
}

function AcceptForm({ view, token }: { view: InvitationView; token: string }) {
  const { t } = useTranslation();
  const accept = useAcceptInvitation(token);
  const navigate = useNavigate();
  const localPath = useLocalPath();
  const form = useRef<HTMLFormElement>(null);
  const { errors, alert, check, failed } = useFormErrors(accept.error, form);
  const checks = useChecks();
  const { person, setPerson } = usePersonDraft();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');

  function submit() {
    const found = {
      password: checks.newPassword(password),
      confirm: checks.sameAs(confirm, password),
      ...(view.setup ? checkPerson(person, checks) : {}),
    };
    if (!check(found)) return;
    const input = view.setup ? { password, ...toPersonInput(person) } : { password };
    accept.mutate(input, {
      onSuccess: () => {
        const signInEmail = view.setup ? person.email.trim() : (view.email ?? '');
        navigate(localPath(`/sign-in?welcome=1&email=${encodeURIComponent(signInEmail)}`));
      },
      onError: failed,
    });
  }

  return (
    <form ref={form} className="form" noValidate onSubmit={onSubmit(submit)}>
      <FormAlert message={alert} />
      {view.setup ? (
        <PersonFields person={person} onChange={setPerson} errors={errors} own />
      ) : (
        // Shown, and marked as the username, so that password managers file the new password under it.
        <Field label={t('invitation.email')}>
          {(control) => (
            <input {...control} type="email" name="email" autoComplete="username" readOnly value={view.email ?? ''} />
          )}
        </Field>
      )}
      <NewPasswordFields
        password={password}
        confirm={confirm}
        onPassword={setPassword}
        onConfirm={setConfirm}
        errors={errors}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={accept.isPending}>
          {t('invitation.submit')}
        </button>
      </div>
    </form>
  );
}
