import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../../contract/accounts.js';
import type { Lang } from '../../../contract/common.js';
import { ApiError, getJson } from '../../api/client.js';
import { useLang } from '../shared/useLang.js';
import { hasSignedInHint, setSignedInHint } from './signedInHint.js';

/** Every query that depends on who is signed in starts with this key, so signing in or out drops
 * them all at once and no page shows the previous user's data. */
export const PRIVATE = 'private';
export const ME_KEY = [PRIVATE, 'me'] as const;

async function fetchMe(lang: Lang, signal?: AbortSignal): Promise<Me | null> {
  if (!hasSignedInHint()) return null;
  try {
    return await getJson<Me>('/me', lang, {}, signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setSignedInHint(false);
      return null;
    }
    throw error;
  }
}

/** The signed-in user, or null for the public. */
export function useMe() {
  const lang = useLang();
  return useQuery({
    queryKey: ME_KEY,
    queryFn: ({ signal }) => fetchMe(lang, signal),
    // Grants can be revoked at any time; a short memory keeps the menus close to the truth.
    staleTime: 30_000,
  });
}

/** True when the session still owes its second factor: a role requires one (secretariat roles,
 * focal points), or the user turned it on of their own accord. The server decides (`passed`). */
export function needsSecondFactor(me: Me | null | undefined): boolean {
  return Boolean(me && !me.twoFactor.passed);
}

/** After any change of who is signed in: forget everything private and ask /me again. */
export function useSessionChanged() {
  const client = useQueryClient();
  const lang = useLang();
  return async (signedIn: boolean): Promise<Me | null> => {
    setSignedInHint(signedIn);
    client.removeQueries({ queryKey: [PRIVATE] });
    return client.fetchQuery({ queryKey: ME_KEY, queryFn: () => fetchMe(lang), staleTime: 0 });
  };
}

export type PublicSettings = { demo: boolean };

/** Settings anyone may read; the demo banner depends on them. */
export function usePublicSettings() {
  const lang = useLang();
  return useQuery({
    queryKey: ['settings', 'public'],
    queryFn: ({ signal }) => getJson<PublicSettings>('/settings/public', lang, {}, signal),
    // Until the server has the endpoint (or if it fails) the banner simply stays hidden.
    retry: false,
  });
}

/** A change that also changes what /me says (two-factor state): asks /me again afterwards. */
export function useRefreshMe() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ME_KEY });
}
