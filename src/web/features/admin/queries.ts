import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuditPage } from '../../../contract/audit.js';
import type { Page } from '../../../contract/common.js';
import type {
  InvitationSent,
  InviteUser,
  NewGrant,
  UserDetail,
  UserGrant,
  UserSummary,
} from '../../../contract/users.js';
import { getJson, type QueryParams } from '../../api/client.js';
import { sendJson } from '../../api/send.js';
import { PRIVATE } from '../account/queries.js';
import { useLang } from '../shared/useLang.js';

/** The secretariat's screens: user accounts and the audit trail. */

const USERS_KEY = [PRIVATE, 'users'] as const;
const PAGE_SIZE = 50;

export type UserFilters = { role?: string; memberState?: string; status?: string };

export function useUsers(filters: UserFilters) {
  const lang = useLang();
  return useInfiniteQuery({
    queryKey: [...USERS_KEY, 'list', filters],
    queryFn: ({ signal, pageParam }) =>
      getJson<Page<UserSummary>>('/users', lang, { ...filters, limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    staleTime: 0,
  });
}

export function useUser(id: string) {
  const lang = useLang();
  return useQuery({
    queryKey: [...USERS_KEY, 'one', id],
    queryFn: ({ signal }) => getJson<UserDetail>(`/users/${encodeURIComponent(id)}`, lang, {}, signal),
    staleTime: 0,
  });
}

/** Any change to an account: its page and every list may now read differently. */
function useUsersChanged() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: USERS_KEY });
}

export function useInviteUser() {
  const lang = useLang();
  const changed = useUsersChanged();
  return useMutation({
    mutationFn: (input: InviteUser) => sendJson<InvitationSent>('POST', '/users/invitations', lang, input),
    onSuccess: changed,
  });
}

export function useResendInvitation(id: string) {
  const lang = useLang();
  const changed = useUsersChanged();
  return useMutation({
    mutationFn: () => sendJson<InvitationSent>('POST', `/users/${encodeURIComponent(id)}/invitation`, lang),
    onSuccess: changed,
  });
}

export function useGrantRole(id: string) {
  const lang = useLang();
  const changed = useUsersChanged();
  return useMutation({
    mutationFn: (grant: NewGrant) =>
      sendJson<UserGrant>('POST', `/users/${encodeURIComponent(id)}/grants`, lang, grant),
    onSuccess: changed,
  });
}

export function useRevokeGrant(id: string) {
  const lang = useLang();
  const changed = useUsersChanged();
  return useMutation({
    mutationFn: (grantId: string) =>
      sendJson('DELETE', `/users/${encodeURIComponent(id)}/grants/${encodeURIComponent(grantId)}`, lang),
    onSuccess: changed,
  });
}

export function useDeactivateUser(id: string) {
  const lang = useLang();
  const changed = useUsersChanged();
  return useMutation({
    mutationFn: () => sendJson<UserDetail>('POST', `/users/${encodeURIComponent(id)}/deactivate`, lang),
    onSuccess: changed,
  });
}

export type AuditFilters = { actor?: string; entityType?: string; action?: string; from?: string; to?: string };

export function useAudit(filters: AuditFilters) {
  const lang = useLang();
  return useInfiniteQuery({
    queryKey: [PRIVATE, 'audit', filters],
    queryFn: ({ signal, pageParam }) =>
      getJson<AuditPage>('/audit', lang, { ...filters, limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    staleTime: 0,
  });
}

/** The CSV export of what the page shows: a plain link, so the browser downloads it with the cookie. */
export function auditCsvUrl(filters: AuditFilters, lang: string): string {
  const search = new URLSearchParams({ lang });
  for (const [name, value] of Object.entries(filters as QueryParams)) if (value) search.set(name, String(value));
  return `/api/v1/audit.csv?${search}`;
}
