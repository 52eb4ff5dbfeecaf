import type { UserSummary } from '../../../contract/users.js';
import { useTranslation } from '../../i18n/react.js';
import { useBindingName } from '../account/GrantList.js';
import { roleLabel } from '../account/roles.js';
import { TableWrap } from '../account/TableWrap.js';
import { LangLink } from '../shared/LangLink.js';
import { UserStatusBadge } from './UserStatus.js';

export function UserTable({ users }: { users: UserSummary[] }) {
  const { t } = useTranslation();
  const bindingName = useBindingName();
  return (
    <TableWrap label={t('admin.users.title')}>
      <table className="data-table">
        <caption className="visually-hidden">{t('admin.users.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('account.name')}</th>
            <th scope="col">{t('account.email')}</th>
            <th scope="col">{t('account.grantsHeading')}</th>
            <th scope="col">{t('admin.users.statusLabel')}</th>
            <th scope="col">{t('twoFactor.short')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>
                <LangLink to={`/admin/users/${encodeURIComponent(user.id)}`}>{user.displayName}</LangLink>
              </td>
              <td>{user.email}</td>
              <td>
                {user.grants.length === 0
                  ? t('admin.users.noGrants')
                  : user.grants
                      .map((grant) => [roleLabel(t, grant.role), bindingName(grant)].filter(Boolean).join(' — '))
                      .join('; ')}
              </td>
              <td>
                <UserStatusBadge status={user.status} />
              </td>
              <td>{user.twoFactorEnabled ? t('admin.users.on') : t('admin.users.off')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
