import { useNavigate, useSearchParams } from 'react-router';
import type { Me } from '../../contract/accounts.js';
import { safeNext, withNext } from '../features/account/nextPath.js';
import { needsSecondFactor, useMe } from '../features/account/queries.js';
import { SignInForm } from '../features/account/SignInForm.js';
import { FormStatus } from '../features/shared/forms.js';
import { LangLink, useLocalPath } from '../features/shared/LangLink.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { useTranslation } from '../i18n/react.js';

export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const localPath = useLocalPath();
  const me = useMe();
  const next = safeNext(params.get('next'));

  function signedIn(user: Me) {
    if (needsSecondFactor(user)) navigate(localPath(withNext('/two-factor', next)));
    else navigate(localPath(next ?? '/workspace'));
  }

  return (
    <>
      <PageMeta title={t('signIn.title')} description={t('signIn.description')} />
      <PageHeader title={t('signIn.title')} lead={t('signIn.lead')} />
      <div className="container page-body narrow">
        <FormStatus
          message={
            params.get('signedOut')
              ? t('signIn.signedOut')
              : params.get('welcome')
                ? t('signIn.welcome')
                : params.get('passwordChanged')
                  ? t('signIn.passwordChanged')
                  : null
          }
        />
        {me.data && !needsSecondFactor(me.data) ? (
          <div className="notice">
            <p>{t('signIn.already', { name: me.data.displayName || me.data.email })}</p>
            <p>
              <LangLink className="button" to={next ?? '/workspace'}>
                {t('signIn.continue')}
              </LangLink>
            </p>
          </div>
        ) : (
          <SignInForm initialEmail={params.get('email') ?? ''} onSignedIn={signedIn} />
        )}
      </div>
    </>
  );
}
