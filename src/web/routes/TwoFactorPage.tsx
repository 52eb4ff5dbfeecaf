import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { Me } from '../../contract/accounts.js';
import type { TwoFactorPassed } from '../../contract/two-factor.js';
import { safeNext, withNext } from '../features/account/nextPath.js';
import { useMe } from '../features/account/queries.js';
import {
  DisableTwoFactorForm,
  RecoveryCodesView,
  TwoFactorChallengeForm,
  TwoFactorEnrolmentSteps,
} from '../features/account/TwoFactorForms.js';
import { FormStatus } from '../features/shared/forms.js';
import { LangLink, useLocalPath } from '../features/shared/LangLink.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { useTranslation } from '../i18n/react.js';

/** The second factor: the challenge after signing in, enrolment when it is not set up yet (shown
 * right after sign-in when a role requires it), and replacing or turning it off later. */
export function TwoFactorPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <PageMeta title={t('twoFactor.heading')} description={t('twoFactor.description')} />
      <PageHeader title={t('twoFactor.heading')} lead={t('twoFactor.lead')} />
      <div className="container page-body narrow">
        <QueryState query={me}>{(data) => <TwoFactorView me={data} />}</QueryState>
      </div>
    </>
  );
}

function TwoFactorView({ me }: { me: Me | null }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const localPath = useLocalPath();
  const next = safeNext(params.get('next')) ?? '/workspace';
  // Held here, not in the enrolment form: once confirmed, /me changes and the form goes away,
  // but the codes must stay on screen until the reader says they are saved.
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [passed, setPassed] = useState<TwoFactorPassed | null>(null);
  const [replacing, setReplacing] = useState(false);

  if (recoveryCodes) return <RecoveryCodesView codes={recoveryCodes} onContinue={() => navigate(localPath(next))} />;
  if (!me) {
    return (
      <div className="notice">
        <p>{t('account.signInFirst')}</p>
        <p>
          <LangLink className="button" to={withNext('/sign-in', next)}>
            {t('account.signIn')}
          </LangLink>
        </p>
      </div>
    );
  }
  if (passed) {
    return (
      <div className="notice">
        <FormStatus message={t('twoFactor.recoveryLeft', { count: passed.recoveryCodesLeft })} />
        <p>
          <LangLink className="button" to={next}>
            {t('signIn.continue')}
          </LangLink>
        </p>
      </div>
    );
  }
  if (me.twoFactor.enabled && !me.twoFactor.passed) {
    return (
      <>
        <p>{t('twoFactor.challengeIntro')}</p>
        <TwoFactorChallengeForm
          onPassed={(result) => {
            // A spent recovery code is worth a word: the reader may be running out of them.
            if (result.method === 'recovery-code') setPassed(result);
            else navigate(localPath(next));
          }}
        />
      </>
    );
  }
  if (!me.twoFactor.enabled || replacing) {
    return (
      <>
        {me.twoFactor.required && !me.twoFactor.enabled && <p className="notice">{t('twoFactor.requiredIntro')}</p>}
        <TwoFactorEnrolmentSteps onEnrolled={setRecoveryCodes} />
      </>
    );
  }
  return (
    <div className="stack">
      <p>
        {t('twoFactor.statusEnabled')}{' '}
        {me.twoFactor.required ? t('twoFactor.requiredForRoles') : t('twoFactor.optional')}
      </p>
      <p>
        <button type="button" className="button button--secondary" onClick={() => setReplacing(true)}>
          {t('twoFactor.replace')}
        </button>
      </p>
      {!me.twoFactor.required && <DisableTwoFactorForm />}
    </div>
  );
}
