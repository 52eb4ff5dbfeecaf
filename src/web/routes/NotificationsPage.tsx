import { SignedIn } from '../features/account/SignedIn.js';
import { NotificationsList } from '../features/notifications/NotificationsList.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { useTranslation } from '../i18n/react.js';

/** /notifications: all of one's notices, paged, newest first; the bell shows only the newest. */
export function NotificationsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageMeta title={t('notifications.title')} description={t('notifications.description')} />
      <PageHeader title={t('notifications.title')} lead={t('notifications.lead')} />
      <div className="container page-body">
        <SignedIn>{() => <NotificationsList />}</SignedIn>
      </div>
    </>
  );
}
