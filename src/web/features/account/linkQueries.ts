import { useMutation, useQuery } from '@tanstack/react-query';
import type { AcceptInvitation, InvitationView } from '../../../contract/users.js';
import { getJson } from '../../api/client.js';
import { sendJson } from '../../api/send.js';
import { useLang } from '../shared/useLang.js';

/** The pages opened from a link in an e-mail: an invitation, a password reset. */

export function useInvitation(token: string) {
  const lang = useLang();
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) => getJson<InvitationView>(`/invitations/${encodeURIComponent(token)}`, lang, {}, signal),
    // The link's state matters now, not ten minutes ago.
    staleTime: 0,
  });
}

export function useAcceptInvitation(token: string) {
  const lang = useLang();
  return useMutation({
    mutationFn: (input: AcceptInvitation) =>
      sendJson('POST', `/invitations/${encodeURIComponent(token)}/accept`, lang, input),
  });
}

export function useRequestPasswordReset() {
  const lang = useLang();
  return useMutation({
    mutationFn: (email: string) => sendJson('POST', '/auth/password-reset', lang, { email }),
  });
}

export function useResetPassword(token: string) {
  const lang = useLang();
  return useMutation({
    mutationFn: (password: string) =>
      sendJson('POST', `/auth/password-reset/${encodeURIComponent(token)}`, lang, { password }),
  });
}
