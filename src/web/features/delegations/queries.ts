import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Delegation,
  DelegationCreate,
  DelegationList,
  ParticipantInput,
  ParticipantVisibility,
  PublishedList,
  VisibilityReply,
} from '../../../contract/delegations.js';
import { getJson } from '../../api/client.js';
import { sendJson } from '../../api/send.js';
import { PRIVATE } from '../account/queries.js';
import { useUpload } from '../shared/upload.js';
import { useLang } from '../shared/useLang.js';

// What a reader sees depends on who they are: private keys, dropped on signing in or out.
const KEY = [PRIVATE, 'delegations'] as const;

const meetingPath = (slug: string) => `/meetings/${encodeURIComponent(slug)}`;

/** The delegations the caller may see: their own (a state, a partner), or all (the secretariat). */
export function useDelegations(slug: string) {
  const lang = useLang();
  return useQuery({
    queryKey: [...KEY, 'list', lang, slug],
    queryFn: ({ signal }) => getJson<DelegationList>(`${meetingPath(slug)}/delegations`, lang, {}, signal),
  });
}

export function usePublishedList(slug: string, enabled = true) {
  const lang = useLang();
  return useQuery({
    queryKey: [...KEY, 'published', lang, slug],
    queryFn: ({ signal }) => getJson<PublishedList>(`${meetingPath(slug)}/participants`, lang, {}, signal),
    enabled,
  });
}

export const exportUrl = (slug: string, format: 'csv' | 'pdf', lang: string) =>
  `/api/v1${meetingPath(slug)}/participants.${format}?lang=${lang}`;

/** After any change: the page holds at once the delegation the server answered, so the next write
 * names its new version even before the lists are read again (issue 11); then the lists and the
 * published list are read again. */
function useChanged() {
  const client = useQueryClient();
  return (written?: Delegation) => {
    if (written) {
      client.setQueriesData<DelegationList>({ queryKey: [...KEY, 'list'] }, (list) =>
        list ? { ...list, items: list.items.map((d) => (d.id === written.id ? written : d)) } : list,
      );
    }
    return client.invalidateQueries({ queryKey: KEY });
  };
}

/** What a new registration is for: a state, a partner or a named organisation. */
export type DelegationTarget = Pick<DelegationCreate, 'category' | 'memberState' | 'partner' | 'organisation'>;

export type DelegationWrite =
  | { kind: 'create'; body: DelegationTarget & { participants: ParticipantInput[]; submit: boolean } }
  | { kind: 'update'; id: string; body: { version: number; participants: ParticipantInput[]; submit: boolean } };

export function useSaveDelegation(slug: string) {
  const lang = useLang();
  const changed = useChanged();
  return useMutation({
    mutationFn: (write: DelegationWrite) =>
      write.kind === 'create'
        ? sendJson<Delegation>('POST', `${meetingPath(slug)}/delegations`, lang, write.body)
        : sendJson<Delegation>('PATCH', `${meetingPath(slug)}/delegations/${write.id}`, lang, write.body),
    onSettled: changed,
  });
}

export type Decision =
  | { kind: 'submit'; id: string; version: number }
  | { kind: 'accredit'; id: string; version: number; reason?: string }
  | { kind: 'return'; id: string; version: number; reason: string }
  | { kind: 'approve' | 'reject'; id: string; changeId: string; reason?: string };

export function useDecision(slug: string) {
  const lang = useLang();
  const changed = useChanged();
  return useMutation({
    mutationFn: (decision: Decision) => {
      const base = `${meetingPath(slug)}/delegations/${decision.id}`;
      switch (decision.kind) {
        case 'approve':
        case 'reject': {
          const body = decision.reason ? { reason: decision.reason } : {};
          return sendJson<Delegation>('POST', `${base}/changes/${decision.changeId}/${decision.kind}`, lang, body);
        }
        case 'return':
        case 'accredit':
          // Accrediting takes a reason only without credentials; an empty one is not sent.
          return sendJson<Delegation>('POST', `${base}/${decision.kind}`, lang, {
            version: decision.version,
            ...(decision.reason ? { reason: decision.reason } : {}),
          });
        default:
          return sendJson<Delegation>('POST', `${base}/${decision.kind}`, lang, { version: decision.version });
      }
    },
    onSettled: changed,
  });
}

export function useSetVisibility(slug: string) {
  const lang = useLang();
  const changed = useChanged();
  return useMutation({
    mutationFn: (body: { version: number; visibility: ParticipantVisibility }) =>
      sendJson<VisibilityReply>('PUT', `${meetingPath(slug)}/participant-visibility`, lang, body),
    onSettled: () => changed(),
  });
}

/** The credentials (note verbale) of a delegation, sent with the version they were chosen against. */
export function useUploadCredentials(slug: string) {
  return useUpload<{ id: string; version: number; file: File }, Delegation>(
    ({ id }) => `${meetingPath(slug)}/delegations/${id}/credentials`,
    useChanged(),
    ({ version }) => ({ version: String(version) }),
  );
}
