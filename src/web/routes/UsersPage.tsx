import { ROLES, USER_STATUSES } from '../../domain/accounts.js';
import { roleLabel } from '../features/account/roles.js';
import { AdminGate, AdminQueryState } from '../features/admin/AdminGate.js';
import { InviteForm } from '../features/admin/InviteForm.js';
import { useUsers } from '../features/admin/queries.js';
import { statusLabel } from '../features/admin/UserStatus.js';
import { UserTable } from '../features/admin/UserTable.js';
import { useMemberStates } from '../features/member-states/queries.js';
import { nameOptions } from '../features/shared/byName.js';
import { FilterBar, useFilterValues } from '../features/shared/FilterBar.js';
import { NextPageButton } from '../features/shared/NextPageButton.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { useLang } from '../features/shared/useLang.js';
import { useTranslation } from '../i18n/react.js';

const FILTERS = ['role', 'memberState', 'status'] as const;

export function UsersPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageMeta title={t('admin.users.title')} description={t('admin.users.description')} />
      <PageHeader kicker={t('admin.kicker')} title={t('admin.users.title')} lead={t('admin.users.lead')} />
      <div className="container page-body stack">
        <AdminGate allow="readUsers">
          {(me) => (
            <>
              <UserList />
              {me.can.inviteUsers && <InviteForm />}
            </>
          )}
        </AdminGate>
      </div>
    </>
  );
}

function UserList() {
  const { t } = useTranslation();
  const lang = useLang();
  const filters = useFilterValues(FILTERS);
  const users = useUsers(filters);
  const states = useMemberStates();
  return (
    <section aria-labelledby="users-list">
      <h2 id="users-list">{t('admin.users.listHeading')}</h2>
      <FilterBar
        fields={[
          {
            name: 'role',
            label: t('grants.role'),
            options: ROLES.map((r) => ({ value: r, label: roleLabel(t, r) })),
          },
          {
            name: 'memberState',
            label: t('grants.memberState'),
            options: nameOptions(states.data ?? [], lang),
          },
          {
            name: 'status',
            label: t('admin.users.statusLabel'),
            options: USER_STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) })),
          },
        ]}
      />
      <AdminQueryState query={users}>
        {(data) => {
          const items = data.pages.flatMap((page) => page.items);
          return (
            <>
              <p className="result-count" aria-live="polite">
                {t('admin.users.count', { count: items.length })}
              </p>
              {items.length === 0 ? <p className="empty">{t('filters.noResults')}</p> : <UserTable users={items} />}
              <NextPageButton query={users} label={t('admin.showMore')} />
            </>
          );
        }}
      </AdminQueryState>
    </section>
  );
}
