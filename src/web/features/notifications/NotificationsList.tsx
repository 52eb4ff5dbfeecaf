import { useTranslation } from '../../i18n/react.js';
import { LangLink } from '../shared/LangLink.js';
import { NextPageButton } from '../shared/NextPageButton.js';
import { QueryState } from '../shared/QueryState.js';
import { MarkAllReadButton, NotificationItems } from './NotificationItems.js';
import { useNotificationPages } from './queries.js';
import './notifications.css';

/** How many notices each page of the list brings. */
const PAGE_SIZE = 25;

/** The notifications page's list: unread ones marked, each read on its own or all at once, older ones
 * a page at a time; and the way to the e-mail choices. */
export function NotificationsList() {
  const { t } = useTranslation();
  const pages = useNotificationPages(PAGE_SIZE);
  return (
    <>
      <QueryState query={pages}>
        {(data) => {
          const items = data.pages.flatMap((page) => page.items);
          // Every page carries the count of all unread notices; the newest page's is the freshest.
          const unread = data.pages[0]?.unread ?? 0;
          return (
            <section className="notifications-page" aria-labelledby="notifications-list">
              <div className="notifications-page__head">
                <h2 id="notifications-list" className="notifications-page__count" aria-live="polite">
                  {t('notifications.unreadCount', { count: unread })}
                </h2>
                <MarkAllReadButton unread={unread} className="button button--secondary" />
              </div>
              <NotificationItems items={items} />
              <NextPageButton query={pages} label={t('notifications.older')} />
            </section>
          );
        }}
      </QueryState>
      <p>
        <LangLink to="/account#account-notifications">{t('notifications.choose')}</LangLink>
      </p>
    </>
  );
}
