import { useRef, useState } from 'react';
import type { TwoFactorEnrolment, TwoFactorPassed } from '../../../contract/two-factor.js';
import { useTranslation } from '../../i18n/react.js';
import { CopyButton } from '../shared/CopyButton.js';
import { FormAlert, onSubmit, TextField, useChecks, useFormErrors, useProblemMessage } from '../shared/forms.js';
import {
  cleanCode,
  useConfirmEnrolment,
  useDisableTwoFactor,
  useStartEnrolment,
  useTwoFactorChallenge,
} from './twoFactorQueries.js';

/** The six digits of the app. */
function CodeField({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string }) {
  const { t } = useTranslation();
  return (
    <TextField
      label={t('twoFactor.code')}
      hint={t('twoFactor.codeHint')}
      error={error}
      name="code"
      inputMode="numeric"
      autoComplete="one-time-code"
      spellCheck={false}
      value={value}
      onChange={onChange}
    />
  );
}

/** The server's reason for a refused code is in English; the page says it in the reader's language. */
function useCodeWords() {
  const { t } = useTranslation();
  return { code: t('twoFactor.wrongCode'), recoveryCode: t('twoFactor.wrongRecoveryCode') };
}

/** Passing the second factor of this session: the app's code, or one of the recovery codes. */
export function TwoFactorChallengeForm({ onPassed }: { onPassed: (result: TwoFactorPassed) => void }) {
  const { t } = useTranslation();
  const challenge = useTwoFactorChallenge();
  const form = useRef<HTMLFormElement>(null);
  const { errors, alert, check, failed } = useFormErrors(challenge.error, form, useCodeWords());
  const checks = useChecks();
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');

  function submit() {
    const ok = useRecovery
      ? check({ recoveryCode: checks.required(recoveryCode) })
      : check({ code: checks.code(code) });
    if (!ok) return;
    challenge.reset();
    challenge.mutate(useRecovery ? { recoveryCode: recoveryCode.trim() } : { code: cleanCode(code) }, {
      onSuccess: onPassed,
      onError: () => {
        setCode('');
        failed();
      },
    });
  }

  return (
    <form ref={form} className="form" noValidate onSubmit={onSubmit(submit)}>
      <FormAlert message={alert} />
      {useRecovery ? (
        <TextField
          label={t('twoFactor.recoveryCode')}
          hint={t('twoFactor.recoveryHint')}
          error={errors.recoveryCode}
          name="recoveryCode"
          autoComplete="off"
          spellCheck={false}
          value={recoveryCode}
          onChange={setRecoveryCode}
        />
      ) : (
        <CodeField value={code} onChange={setCode} error={errors.code} />
      )}
      <div className="form__actions">
        <button type="submit" className="button" disabled={challenge.isPending}>
          {t('twoFactor.verify')}
        </button>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setUseRecovery((value) => !value);
            challenge.reset();
            check({});
          }}
        >
          {useRecovery ? t('twoFactor.useApp') : t('twoFactor.useRecovery')}
        </button>
      </div>
    </form>
  );
}

/** Setting up an authenticator app: start (a new secret), scan or type it, confirm with a code.
 * `onEnrolled` receives the recovery codes, which the server shows this once only. */
export function TwoFactorEnrolmentSteps({ onEnrolled }: { onEnrolled: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const start = useStartEnrolment();
  const problemMessage = useProblemMessage();
  if (!start.data) {
    return (
      <div className="stack">
        <p>{t('twoFactor.enrolIntro')}</p>
        <FormAlert message={problemMessage(start.error)} />
        <p>
          <button type="button" className="button" disabled={start.isPending} onClick={() => start.mutate()}>
            {t('twoFactor.enrolStart')}
          </button>
        </p>
      </div>
    );
  }
  return <EnrolmentConfirm enrolment={start.data} onEnrolled={onEnrolled} />;
}

function EnrolmentConfirm({
  enrolment,
  onEnrolled,
}: {
  enrolment: TwoFactorEnrolment;
  onEnrolled: (codes: string[]) => void;
}) {
  const { t } = useTranslation();
  const confirm = useConfirmEnrolment();
  const form = useRef<HTMLFormElement>(null);
  const { errors, alert, check, failed } = useFormErrors(confirm.error, form, useCodeWords());
  const checks = useChecks();
  const [code, setCode] = useState('');

  function submit() {
    if (!check({ code: checks.code(code) })) return;
    confirm.mutate(cleanCode(code), {
      onSuccess: (result) => onEnrolled(result.recoveryCodes),
      onError: () => {
        setCode('');
        failed();
      },
    });
  }

  return (
    <div className="stack">
      <ol className="steps">
        <li>
          <p>{t('twoFactor.scan')}</p>
          <img className="qr-code" src={enrolment.qrCode} alt={t('twoFactor.qrAlt')} width={192} height={192} />
        </li>
        <li>
          <p>{t('twoFactor.manual')}</p>
          <p className="secret">
            <code id="two-factor-key" data-otpauth={enrolment.otpauthUri}>
              {enrolment.manualKey}
            </code>
            <CopyButton text={enrolment.manualKey.replace(/\s/g, '')} label={t('copy.key')} selectId="two-factor-key" />
          </p>
        </li>
        <li>
          <p>{t('twoFactor.confirmIntro')}</p>
          <form ref={form} className="form" noValidate onSubmit={onSubmit(submit)}>
            <FormAlert message={alert} />
            <CodeField value={code} onChange={setCode} error={errors.code} />
            <div className="form__actions">
              <button type="submit" className="button" disabled={confirm.isPending}>
                {t('twoFactor.confirm')}
              </button>
            </div>
          </form>
        </li>
      </ol>
    </div>
  );
}

/** The recovery codes, once: to copy or print before going on. */
export function RecoveryCodesView({ codes, onContinue }: { codes: string[]; onContinue: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="notice notice--warning stack" aria-labelledby="recovery-codes-heading">
      <h2 id="recovery-codes-heading">{t('twoFactor.recoveryHeading')}</h2>
      <p>{t('twoFactor.recoveryOnce', { count: codes.length })}</p>
      <ul className="recovery-codes" id="recovery-codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <p className="secret">
        <CopyButton text={codes.join('\n')} label={t('copy.codes')} selectId="recovery-codes" />
      </p>
      <p>
        <button type="button" className="button" onClick={onContinue}>
          {t('twoFactor.savedContinue')}
        </button>
      </p>
    </section>
  );
}

/** Turning two-factor off, with a current code; only offered where no role requires it. */
export function DisableTwoFactorForm() {
  const { t } = useTranslation();
  const disable = useDisableTwoFactor();
  const form = useRef<HTMLFormElement>(null);
  const { errors, alert, check, failed } = useFormErrors(disable.error, form, useCodeWords());
  const checks = useChecks();
  const [code, setCode] = useState('');

  function submit() {
    if (!check({ code: checks.code(code) })) return;
    disable.mutate(cleanCode(code), {
      onError: () => {
        setCode('');
        failed();
      },
    });
  }

  return (
    <form ref={form} className="form" noValidate onSubmit={onSubmit(submit)} aria-labelledby="two-factor-off">
      <h3 id="two-factor-off">{t('twoFactor.disableHeading')}</h3>
      <FormAlert message={alert} />
      <CodeField value={code} onChange={setCode} error={errors.code} />
      <div className="form__actions">
        <button type="submit" className="button button--danger" disabled={disable.isPending}>
          {t('twoFactor.disable')}
        </button>
      </div>
    </form>
  );
}
