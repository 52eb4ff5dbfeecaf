import type { Notification } from '../../../contract/notifications.js';
import { useTranslation } from '../../i18n/react.js';
import { formatDateTime } from '../account/time.js';
import { LangLink } from '../shared/LangLink.js';
import { useLang } from '../shared/useLang.js';
import { useMarkRead } from './queries.js';

/** Notices as the bell and the notifications page list them: each opens its place and is then read. */
export function NotificationItems({ items, onOpen }: { items: Notification[]; onOpen?: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const markRead = useMarkRead();
  if (items.length === 0) return <p className="notifications__empty">{t('notifications.empty')}</p>;
  return (
    <ul className="notifications__list">
      {items.map((notice) => (
        <li key={notice.id} className={notice.readAt ? 'notification' : 'notification notification--unread'}>
          <LangLink
            to={`/${notice.path}`}
            onClick={() => {
              if (!notice.readAt) markRead.mutate(notice.id);
              onOpen?.();
            }}
          >
            {!notice.readAt && <span className="visually-hidden">{t('notifications.unreadMark')} </span>}
            {notice.title}
          </LangLink>
          {notice.detail && <span className="notification__detail">{notice.detail}</span>}
          <time className="notification__time" dateTime={notice.createdAt}>
            {formatDateTime(notice.createdAt, lang)}
          </time>
          {!notice.readAt && (
            <button
              type="button"
              className="notification__read"
              onClick={() => markRead.mutate(notice.id)}
              disabled={markRead.isPending}
            >
              {t('notifications.markRead')}
              <span className="visually-hidden">: {notice.title}</span>
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** "Mark all as read", shown while any notice is unread (the bell's head and the notifications page). */
export function MarkAllReadButton({ unread, className }: { unread: number; className: string }) {
  const { t } = useTranslation();
  const markAll = useMarkRead();
  if (unread === 0) return null;
  return (
    <button type="button" className={className} onClick={() => markAll.mutate(undefined)} disabled={markAll.isPending}>
      {t('notifications.markAllRead')}
    </button>
  );
}
