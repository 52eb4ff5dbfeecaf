import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Lang } from '../../../contract/common.js';
import type {
  MeetingDocument,
  MeetingDocumentCreate,
  MeetingDocumentList,
  MeetingDocumentUpdate,
} from '../../../contract/meeting-documents.js';
import { getJson } from '../../api/client.js';
import { sendJson } from '../../api/send.js';
import { PRIVATE } from '../account/queries.js';
import { useUpload } from '../shared/upload.js';
import { useLang } from '../shared/useLang.js';

// Delegations-only documents depend on who reads: the key is private, so signing in or out drops it.
const KEY = [PRIVATE, 'meeting-documents'] as const;
const path = (slug: string) => `/meetings/${encodeURIComponent(slug)}/documents`;

export function useMeetingDocuments(slug: string, enabled = true) {
  const lang = useLang();
  return useQuery({
    queryKey: [...KEY, lang, slug],
    queryFn: ({ signal }) => getJson<MeetingDocumentList>(path(slug), lang, {}, signal),
    enabled,
  });
}

/** Reads the meeting's documents again (after a change, or to show what a conflict refused). */
export function useChanged() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: KEY });
}

export function useAddDocument(slug: string) {
  const lang = useLang();
  const changed = useChanged();
  return useMutation({
    mutationFn: (input: MeetingDocumentCreate) => sendJson<MeetingDocument>('POST', path(slug), lang, input),
    onSuccess: changed,
  });
}

export function useUpdateDocument(slug: string, id: string) {
  const lang = useLang();
  const changed = useChanged();
  return useMutation({
    mutationFn: (input: MeetingDocumentUpdate) =>
      sendJson<MeetingDocument>('PATCH', `${path(slug)}/${id}`, lang, input),
    onSettled: changed,
  });
}

export function useAddRevision(slug: string, id: string) {
  const lang = useLang();
  const changed = useChanged();
  return useMutation({
    mutationFn: (version: number) =>
      sendJson<MeetingDocument>('POST', `${path(slug)}/${id}/revisions`, lang, { version }),
    onSettled: changed,
  });
}

export function useUploadFile(slug: string, id: string) {
  return useUpload<{ revision: number; lang: Lang; file: File }, MeetingDocument>(
    ({ revision, lang }) => `${path(slug)}/${id}/revisions/${revision}/files/${lang}`,
    useChanged(),
  );
}
