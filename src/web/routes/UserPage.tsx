import { useParams } from 'react-router';
import type { UserDetail } from '../../contract/users.js';
import { ConfirmButton } from '../features/account/ConfirmButton.js';
import { formatDateTime } from '../features/account/time.js';
import { AdminGate, AdminQueryState } from '../features/admin/AdminGate.js';
import { useDeactivateUser, useResendInvitation, useUser } from '../features/admin/queries.js';
import { UserGrants } from '../features/admin/UserGrants.js';
import { UserStatusBadge } from '../features/admin/UserStatus.js';
import { FormAlert, FormStatus, useProblemMessage } from '../features/shared/forms.js';
import { LangLink } from '../features/shared/LangLink.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { useLang } from '../features/shared/useLang.js';
import { languageEndonym } from '../i18n/languages.js';
import { useTranslation } from '../i18n/react.js';

export function UserPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  return (
    <>
      <PageMeta title={t('admin.user.title')} description={t('admin.user.description')} />
      <PageHeader kicker={t('admin.kicker')} title={t('admin.user.title')} />
      <div className="container page-body detail">
        <AdminGate allow="readUsers">{() => <UserLoader id={id} />}</AdminGate>
      </div>
    </>
  );
}

function UserLoader({ id }: { id: string }) {
  const user = useUser(id);
  return <AdminQueryState query={user}>{(data) => <UserView user={data} />}</AdminQueryState>;
}

function UserView({ user }: { user: UserDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <>
      <p>
        <LangLink to="/admin/users">{t('admin.user.back')}</LangLink>
      </p>
      <h2 className="user-name">
        {user.displayName} <span className="muted">{user.email}</span>
      </h2>
      <dl className="facts">
        <div>
          <dt>{t('admin.users.statusLabel')}</dt>
          <dd>
            <UserStatusBadge status={user.status} />
          </dd>
        </div>
        <div>
          <dt>{t('account.language')}</dt>
          <dd lang={user.preferredLang}>{languageEndonym(user.preferredLang)}</dd>
        </div>
        <div>
          <dt>{t('twoFactor.heading')}</dt>
          <dd>{user.twoFactorEnabled ? t('admin.users.on') : t('admin.users.off')}</dd>
        </div>
        <div>
          <dt>{t('admin.user.created')}</dt>
          <dd>{formatDateTime(user.createdAt, lang)}</dd>
        </div>
        {user.invitation && (
          <div>
            <dt>{t('admin.user.invitation')}</dt>
            <dd>
              {user.invitation.state === 'pending'
                ? t('admin.user.invitationPending', { when: formatDateTime(user.invitation.expiresAt, lang) })
                : user.invitation.state === 'expired'
                  ? t('admin.user.invitationExpired')
                  : t('admin.user.invitationUsed')}
            </dd>
          </div>
        )}
      </dl>
      <UserGrants user={user} />
      {(user.can.deactivate || user.can.resendInvitation) && <AccountActions user={user} />}
    </>
  );
}

/** Sending the invitation again, and deactivating: the administrator's actions on the account itself. */
function AccountActions({ user }: { user: UserDetail }) {
  const { t } = useTranslation();
  const resend = useResendInvitation(user.id);
  const deactivate = useDeactivateUser(user.id);
  const problemMessage = useProblemMessage();
  if (user.status === 'deactivated') return null;
  return (
    <section aria-labelledby="user-actions">
      <h2 id="user-actions">{t('admin.user.actionsHeading')}</h2>
      <FormAlert message={problemMessage(resend.error ?? deactivate.error)} />
      <FormStatus
        message={
          resend.data
            ? resend.data.emailSent
              ? t('admin.users.invited', { email: user.email })
              : t('admin.users.invitedNoMail', { email: user.email })
            : null
        }
      />
      <div className="form__actions">
        {user.can.resendInvitation && user.status === 'invited' && (
          <button
            type="button"
            className="button button--secondary"
            disabled={resend.isPending}
            onClick={() => resend.mutate()}
          >
            {t('admin.user.resend')}
          </button>
        )}
        {user.can.deactivate && (
          <ConfirmButton
            label={t('admin.user.deactivate')}
            confirmLabel={t('admin.user.deactivateConfirm')}
            question={t('admin.user.deactivateQuestion', { name: user.displayName })}
            busy={deactivate.isPending}
            onConfirm={() => deactivate.mutate()}
          />
        )}
      </div>
    </section>
  );
}
