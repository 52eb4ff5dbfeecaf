import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../../contract/accounts.js';
import type { SessionList, SignedOut } from '../../../contract/sessions.js';
import type { ApiTokenCreate, ApiTokenCreated, ApiTokenList } from '../../../contract/tokens.js';
import type { AccountUpdate, PasswordChange, PasswordChanged } from '../../../contract/users.js';
import { getJson } from '../../api/client.js';
import { sendJson } from '../../api/send.js';
import { useLang } from '../shared/useLang.js';
import { ME_KEY, PRIVATE } from './queries.js';

/** One's own profile, password, sessions and API tokens (the "my account" page). */

/** Name and language: the reply is /me as it now is, so the header's menu shows the new name at once. */
export function useUpdateAccount() {
  const lang = useLang();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: AccountUpdate) => sendJson<Me>('PATCH', '/me', lang, input),
    onSuccess: (me) => client.setQueryData(ME_KEY, me),
  });
}

/** The password; the other sessions and the API tokens end, so both lists are asked for again. */
export function useChangePassword() {
  const lang = useLang();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: PasswordChange) => sendJson<PasswordChanged>('POST', '/me/password', lang, input),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: SESSIONS_KEY }),
        client.invalidateQueries({ queryKey: TOKENS_KEY }),
      ]),
  });
}

const SESSIONS_KEY = [PRIVATE, 'sessions'] as const;
const TOKENS_KEY = [PRIVATE, 'tokens'] as const;

export function useSessions() {
  const lang = useLang();
  return useQuery({
    queryKey: SESSIONS_KEY,
    queryFn: ({ signal }) => getJson<SessionList>('/me/sessions', lang, {}, signal),
    staleTime: 0,
  });
}

export function useEndSession() {
  const lang = useLang();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => sendJson('DELETE', `/me/sessions/${encodeURIComponent(id)}`, lang),
    onSuccess: () => client.invalidateQueries({ queryKey: SESSIONS_KEY }),
  });
}

export function useSignOutEverywhere() {
  const lang = useLang();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (keepCurrent: boolean) =>
      sendJson<SignedOut>('POST', '/me/sessions/sign-out-everywhere', lang, { keepCurrent }),
    onSuccess: () => client.invalidateQueries({ queryKey: SESSIONS_KEY }),
  });
}

export function useTokens() {
  const lang = useLang();
  return useQuery({
    queryKey: TOKENS_KEY,
    queryFn: ({ signal }) => getJson<ApiTokenList>('/me/tokens', lang, {}, signal),
    staleTime: 0,
  });
}

export function useCreateToken() {
  const lang = useLang();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiTokenCreate) => sendJson<ApiTokenCreated>('POST', '/me/tokens', lang, input),
    onSuccess: () => client.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
}

export function useRevokeToken() {
  const lang = useLang();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => sendJson('DELETE', `/me/tokens/${encodeURIComponent(id)}`, lang),
    onSuccess: () => client.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
}
