import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  MarkedRead,
  NotificationCount,
  NotificationList,
  NotificationPreferences,
  NotificationPreferencesUpdate,
} from '../../../contract/notifications.js';
import { getJson } from '../../api/client.js';
import { sendJson } from '../../api/send.js';
import { PRIVATE } from '../account/queries.js';
import { hasSignedInHint } from '../account/signedInHint.js';
import { useLang } from '../shared/useLang.js';

/** One's own notices (the bell and /notifications) and how they are e-mailed (the account page).
 * Under PRIVATE, so signing out forgets them. */

const NOTIFICATIONS_KEY = [PRIVATE, 'notifications'] as const;
const PREFERENCES_KEY = [PRIVATE, 'notification-preferences'] as const;
/** How often the bell asks for its number while the page is open. */
const COUNT_REFRESH_MS = 60_000;
/** Asked when a fetch is due, not at render: signing out drops the private queries while the bell
 * is still on screen, and its refetch would only meet a 401. */
const signedIn = () => hasSignedInHint();

export function useNotificationCount() {
  const lang = useLang();
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'count'],
    queryFn: ({ signal }) => getJson<NotificationCount>('/me/notifications/count', lang, {}, signal),
    refetchInterval: COUNT_REFRESH_MS,
    staleTime: 0,
    enabled: signedIn,
  });
}

export function useNotifications(limit: number, enabled = true) {
  const lang = useLang();
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'list', lang, limit],
    queryFn: ({ signal }) => getJson<NotificationList>('/me/notifications', lang, { limit }, signal),
    staleTime: 0,
    enabled: () => enabled && signedIn(),
  });
}

/** The notifications page: one's notices page by page, newest first ("show older" fetches the next). */
export function useNotificationPages(limit: number) {
  const lang = useLang();
  return useInfiniteQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'pages', lang, limit],
    queryFn: ({ signal, pageParam }) =>
      getJson<NotificationList>('/me/notifications', lang, { limit, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    staleTime: 0,
  });
}

/** Marks one notice read, or all of them without an id; the bell and the lists are read again. */
export function useMarkRead() {
  const lang = useLang();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id?: string) =>
      sendJson<MarkedRead>(
        'POST',
        id === undefined ? '/me/notifications/read' : `/me/notifications/${encodeURIComponent(id)}/read`,
        lang,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

export function useNotificationPreferences() {
  const lang = useLang();
  return useQuery({
    queryKey: PREFERENCES_KEY,
    queryFn: ({ signal }) => getJson<NotificationPreferences>('/me/notification-preferences', lang, {}, signal),
  });
}

export function useSetNotificationPreferences() {
  const lang = useLang();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NotificationPreferencesUpdate) =>
      sendJson<NotificationPreferences>('PATCH', '/me/notification-preferences', lang, input),
    onSuccess: (preferences) => client.setQueryData(PREFERENCES_KEY, preferences),
  });
}
