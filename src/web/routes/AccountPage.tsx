import type { Me } from '../../contract/accounts.js';
import { ChangePasswordForm } from '../features/account/ChangePasswordForm.js';
import { GrantList } from '../features/account/GrantList.js';
import { ProfileForm } from '../features/account/ProfileForm.js';
import { SessionsSection } from '../features/account/SessionsSection.js';
import { SignedIn } from '../features/account/SignedIn.js';
import { TokensSection } from '../features/account/TokensSection.js';
import { TwoFactorStatus } from '../features/account/TwoFactorStatus.js';
import { PreferencesSection } from '../features/notifications/PreferencesSection.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { languageEndonym } from '../i18n/languages.js';
import { useTranslation } from '../i18n/react.js';

export function AccountPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageMeta title={t('account.title')} description={t('account.description')} />
      <PageHeader title={t('account.title')} lead={t('account.lead')} />
      <div className="container page-body detail">
        <SignedIn>{(me) => <AccountView me={me} />}</SignedIn>
      </div>
    </>
  );
}

function AccountView({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <>
      <section aria-labelledby="account-profile">
        <h2 id="account-profile">{t('account.profileHeading')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('account.name')}</dt>
            <dd>{me.displayName}</dd>
          </div>
          <div>
            <dt>{t('account.email')}</dt>
            <dd>{me.email}</dd>
          </div>
          <div>
            <dt>{t('account.language')}</dt>
            <dd lang={me.preferredLang}>{languageEndonym(me.preferredLang)}</dd>
          </div>
        </dl>
        <ProfileForm me={me} />
      </section>
      <section aria-labelledby="account-password">
        <h2 id="account-password">{t('account.changePassword')}</h2>
        <ChangePasswordForm />
      </section>
      <section aria-labelledby="account-grants">
        <h2 id="account-grants">{t('account.grantsHeading')}</h2>
        <GrantList grants={me.grants} />
      </section>
      <section aria-labelledby="account-two-factor">
        <h2 id="account-two-factor">{t('twoFactor.heading')}</h2>
        <TwoFactorStatus me={me} />
      </section>
      <PreferencesSection />
      <SessionsSection />
      <TokensSection />
    </>
  );
}
