import { useMutation } from '@tanstack/react-query';
import type { SignIn } from '../../../contract/accounts.js';
import { ApiError } from '../../api/client.js';
import { sendJson } from '../../api/send.js';
import { useLang } from '../shared/useLang.js';
import { useSessionChanged } from './queries.js';

// Signing in and out, apart from the reads of queries.ts that every page's header makes: a reader
// who never signs in does not load the mutation code (docs/performance.md).

export function useSignIn() {
  const lang = useLang();
  const changed = useSessionChanged();
  return useMutation({
    mutationFn: async (input: SignIn) => {
      await sendJson('POST', '/auth/sign-in', lang, input);
      return changed(true);
    },
  });
}

export function useSignOut() {
  const lang = useLang();
  const changed = useSessionChanged();
  return useMutation({
    mutationFn: async () => {
      try {
        await sendJson('POST', '/auth/sign-out', lang);
      } catch (error) {
        // Already signed out (expired, or ended elsewhere): the goal is reached all the same.
        if (!(error instanceof ApiError && error.status === 401)) throw error;
      }
      return changed(false);
    },
  });
}
