import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RegistrationReminder, Workspace } from '../../../contract/workspace.js';
import { getJson } from '../../api/client.js';
import { sendJson } from '../../api/send.js';
import { PRIVATE } from '../account/queries.js';
import { useLang } from '../shared/useLang.js';

// One's own page: a private key, dropped on signing in or out.
const KEY = [PRIVATE, 'workspace'] as const;

export function useWorkspace() {
  const lang = useLang();
  return useQuery({
    queryKey: [...KEY, lang],
    queryFn: ({ signal }) => getJson<Workspace>('/me/workspace', lang, {}, signal),
  });
}

/** E-mails the focal points of the states not registered for the meeting yet. */
export function useRemindStates(slug: string) {
  const lang = useLang();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => sendJson<RegistrationReminder>('POST', `/meetings/${slug}/remind-states`, lang, {}),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}
