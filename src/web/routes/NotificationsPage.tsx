import { useTranslation } from 'react-i18next';
import { SignedIn } from '../features/account/SignedIn.js';
import { NotificationItems } from '../features/notifications/NotificationItems.js';
import { useMarkRead, useNotifications } from '../features/notifications/queries.js';
import { LangLink } from '../features/shared/LangLink.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import '../features/notifications/notifications.css';

/** How many notices the page lists, newest first. */
const PAGE_ITEMS = 100;

export function NotificationsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageMeta title={t('notifications.title')} description={t('notifications.description')} />
      <PageHeader title={t('notifications.title')} lead={t('notifications.lead')} />
      <div className="container page-body notifications-page">
        <SignedIn>{() => <NotificationsView />}</SignedIn>
      </div>
    </>
  );
}

function NotificationsView() {
  const { t } = useTranslation();
  const list = useNotifications(PAGE_ITEMS);
  const markAll = useMarkRead();
  return (
    <QueryState query={list}>
      {({ items, unread }) => (
        <>
          <p>
            {t('notifications.unread', { count: unread })}{' '}
            {unread > 0 && (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => markAll.mutate(undefined)}
                disabled={markAll.isPending}
              >
                {t('notifications.markAllRead')}
              </button>
            )}
          </p>
          <NotificationItems items={items} />
          <p>
            <LangLink to="/account#account-notifications">{t('notifications.choose')}</LangLink>
          </p>
        </>
      )}
    </QueryState>
  );
}
