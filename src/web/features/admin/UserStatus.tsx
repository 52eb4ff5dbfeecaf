import type { UserStatus } from '../../../contract/users.js';
import { useTranslation } from '../../i18n/react.js';
import type { TFunction } from '../../i18n/translator.js';

export function statusLabel(t: TFunction, status: UserStatus): string {
  switch (status) {
    case 'invited':
      return t('admin.users.status.invited');
    case 'active':
      return t('admin.users.status.active');
    case 'deactivated':
      return t('admin.users.status.deactivated');
  }
}

/** An account's state as a badge: green when it can sign in. */
export function UserStatusBadge({ status }: { status: UserStatus }) {
  const { t } = useTranslation();
  const tone = status === 'active' ? 'badge badge--ok' : status === 'deactivated' ? 'badge badge--off' : 'badge';
  return <span className={tone}>{statusLabel(t, status)}</span>;
}
