import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionList, SignedOut } from '../../../contract/sessions.js';
import type { ApiTokenCreate, ApiTokenCreated, ApiTokenList } from '../../../contract/tokens.js';
import { getJson, sendJson } from '../../api/client.js';
import { useLang } from '../shared/useLang.js';
import { PRIVATE } from './queries.js';

/** One's own sessions and API tokens (the "my account" page). */

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
