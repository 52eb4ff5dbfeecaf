import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Lang, Problem } from '../../../contract/common.js';
import type {
  MeetingDocument,
  MeetingDocumentCreate,
  MeetingDocumentList,
  MeetingDocumentUpdate,
} from '../../../contract/meeting-documents.js';
import { ApiError, getJson, sendJson } from '../../api/client.js';
import { PRIVATE } from '../account/queries.js';
import { useLang } from '../shared/useLang.js';

// Delegations-only documents depend on who reads: the key is private, so signing in or out drops it.
const KEY = [PRIVATE, 'meeting-documents'] as const;
const path = (slug: string) => `/meetings/${encodeURIComponent(slug)}/documents`;

export function useMeetingDocuments(slug: string) {
  const lang = useLang();
  return useQuery({
    queryKey: [...KEY, lang, slug],
    queryFn: ({ signal }) => getJson<MeetingDocumentList>(path(slug), lang, {}, signal),
  });
}

function useChanged() {
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

/**
 * PUTs one file with XMLHttpRequest, whose upload events give the progress that fetch cannot;
 * `onProgress` gets the fraction sent (0 to 1).
 */
function putFile(url: string, file: File, onProgress: (fraction: number) => void): Promise<MeetingDocument> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', url);
    request.setRequestHeader('accept', 'application/json');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = null;
      }
      if (request.status >= 200 && request.status < 300) resolve(body as MeetingDocument);
      else reject(new ApiError(request.status, body as Problem | null));
    };
    request.onerror = () => reject(new TypeError('network error'));
    const form = new FormData();
    form.append('file', file);
    request.send(form);
  });
}

export function useUploadFile(slug: string, id: string, onProgress: (fraction: number) => void) {
  const pageLang = useLang();
  const changed = useChanged();
  return useMutation({
    mutationFn: ({ revision, lang, file }: { revision: number; lang: Lang; file: File }) =>
      putFile(`/api/v1${path(slug)}/${id}/revisions/${revision}/files/${lang}?lang=${pageLang}`, file, onProgress),
    onSettled: changed,
  });
}
