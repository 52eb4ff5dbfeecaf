import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { useTranslation } from '../../i18n/react.js';
import { LangLink } from '../shared/LangLink.js';
import { useDismiss } from '../shared/useDismiss.js';
import { useLang } from '../shared/useLang.js';
import { MarkAllReadButton, NotificationItems } from './NotificationItems.js';
import { useNotificationCount, useNotifications } from './queries.js';
import './notifications.css';

/** How many notices the bell's list shows, newest first (it scrolls). */
const BELL_ITEMS = 30;

/** The header's bell for a signed-in user: how many notices are unread, and the newest of them. */
export function NotificationBell() {
  const { t } = useTranslation();
  const lang = useLang();
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const count = useNotificationCount();
  const list = useNotifications(BELL_ITEMS, open);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();
  const unread = count.data?.unread ?? 0;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is the trigger, not an input
  useEffect(() => setOpen(false), [pathname]);

  useDismiss(open, close, root, button);

  return (
    <div className="bell" ref={root}>
      <button
        ref={button}
        type="button"
        className="bell__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <svg className="bell__icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
          />
        </svg>
        <span className="visually-hidden">{t('notifications.bell', { count: unread })}</span>
        {unread > 0 && (
          <span className="bell__count" aria-hidden="true">
            {unread > 99 ? '99+' : unread.toLocaleString(lang)}
          </span>
        )}
      </button>
      <div id={panelId} className="bell__panel" hidden={!open}>
        <div className="bell__head">
          <h2 className="bell__title">{t('notifications.title')}</h2>
          <MarkAllReadButton unread={unread} className="bell__action" />
        </div>
        {list.isPending ? (
          <p className="notifications__empty">{t('status.loading')}</p>
        ) : list.isError ? (
          <p className="notifications__empty">{t('status.error')}</p>
        ) : (
          <NotificationItems items={list.data.items} onOpen={() => setOpen(false)} />
        )}
        <p className="bell__all">
          <LangLink to="/notifications">{t('notifications.seeAll')}</LangLink>
        </p>
      </div>
    </div>
  );
}
