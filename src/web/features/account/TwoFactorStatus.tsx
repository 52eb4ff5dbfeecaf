import type { Me } from '../../../contract/accounts.js';
import { useTranslation } from '../../i18n/react.js';
import { LangLink } from '../shared/LangLink.js';

/** Whether two-factor authentication is on, whether the account's roles require it, and the way to set it up. */
export function TwoFactorStatus({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <>
      <p>
        {me.twoFactor.enabled ? t('twoFactor.statusEnabled') : t('twoFactor.statusDisabled')}{' '}
        {me.twoFactor.required ? t('twoFactor.requiredForRoles') : t('twoFactor.optional')}
      </p>
      <p>
        <LangLink
          className={me.twoFactor.enabled ? 'button button--secondary' : 'button'}
          to="/two-factor?next=%2Faccount"
        >
          {me.twoFactor.enabled ? t('twoFactor.manage') : t('twoFactor.setUp')}
        </LangLink>
      </p>
    </>
  );
}
