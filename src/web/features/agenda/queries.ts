import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Agenda,
  AgendaDocumentLink,
  AgendaItem,
  AgendaItemCreate,
  AgendaItemUpdate,
  AgendaItemVersion,
  AgendaOrder,
} from '../../../contract/agenda.js';
import type { Lang } from '../../../contract/common.js';
import { getJson } from '../../api/client.js';
import { sendJson } from '../../api/send.js';
import { PRIVATE } from '../account/queries.js';
import { useLang } from '../shared/useLang.js';

// A draft meeting's agenda is the secretariat's: the key is private, so signing out drops it.
const agendaKey = (slug: string) => [PRIVATE, 'agenda', slug] as const;
const path = (slug: string, rest = '') => `/meetings/${encodeURIComponent(slug)}/agenda${rest}`;

export function useAgenda(slug: string, enabled = true) {
  const lang = useLang();
  return useQuery({
    queryKey: [...agendaKey(slug), lang],
    queryFn: ({ signal }) => getJson<Agenda>(path(slug), lang, {}, signal),
    staleTime: 0,
    enabled,
  });
}

/** A write whose queries under `key` are read again afterwards, whether it succeeded or not (a
 * 409 means the page shows something stale). */
export function useWrite<I, O>(key: readonly unknown[], send: (lang: Lang, input: I) => Promise<O>) {
  const lang = useLang();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => send(lang, input),
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
}

const useAgendaWrite = <I, O>(slug: string, send: (lang: Lang, input: I) => Promise<O>) =>
  useWrite(agendaKey(slug), send);

export const useAddItem = (slug: string) =>
  useAgendaWrite(slug, (lang, input: AgendaItemCreate) =>
    sendJson<AgendaItem>('POST', path(slug, '/items'), lang, input),
  );

export const useUpdateItem = (slug: string) =>
  useAgendaWrite(slug, (lang, { id, ...input }: AgendaItemUpdate & { id: string }) =>
    sendJson<AgendaItem>('PUT', path(slug, `/items/${encodeURIComponent(id)}`), lang, input),
  );

export const useRemoveItem = (slug: string) =>
  useAgendaWrite(slug, (lang, { id, ...input }: AgendaItemVersion & { id: string }) =>
    sendJson('DELETE', path(slug, `/items/${encodeURIComponent(id)}`), lang, input),
  );

export const useReorder = (slug: string) =>
  useAgendaWrite(slug, (lang, input: AgendaOrder) => sendJson<Agenda>('PUT', path(slug, '/order'), lang, input));

export const useLinkDocument = (slug: string) =>
  useAgendaWrite(slug, (lang, { id, ...input }: AgendaDocumentLink & { id: string }) =>
    sendJson<AgendaItem>('POST', path(slug, `/items/${encodeURIComponent(id)}/documents`), lang, input),
  );

export const useUnlinkDocument = (slug: string) =>
  useAgendaWrite(slug, (lang, { id, documentId, ...input }: AgendaItemVersion & { id: string; documentId: string }) =>
    sendJson<AgendaItem>(
      'DELETE',
      path(slug, `/items/${encodeURIComponent(id)}/documents/${encodeURIComponent(documentId)}`),
      lang,
      input,
    ),
  );
