import { PASSWORD_MIN_LENGTH } from '../../../domain/accounts.js';
import { useTranslation } from '../../i18n/react.js';
import { type FieldErrors, TextField } from '../shared/forms.js';

/** A new password and its confirmation, with the rules the server applies written above them. */
export function NewPasswordFields({
  password,
  confirm,
  onPassword,
  onConfirm,
  errors,
}: {
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  errors: FieldErrors;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t('password.new')}
        error={errors.password}
        hint={
          <ul className="password-rules">
            <li>{t('password.ruleLength', { min: PASSWORD_MIN_LENGTH })}</li>
            <li>{t('password.ruleCommon')}</li>
            <li>{t('password.ruleTip')}</li>
          </ul>
        }
        type="password"
        name="password"
        autoComplete="new-password"
        value={password}
        onChange={onPassword}
      />
      <TextField
        label={t('password.confirm')}
        error={errors.confirm}
        type="password"
        name="confirm"
        autoComplete="new-password"
        value={confirm}
        onChange={onConfirm}
      />
    </>
  );
}
