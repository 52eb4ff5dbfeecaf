import { useQuery } from '@tanstack/react-query';
import type { OutcomeDocument } from '../../../contract/outcome-documents.js';
import type { Document } from '../../../contract/reference.js';
import { getAll, getJson } from '../../api/client.js';
import { PRIVATE } from '../account/queries.js';
import { useLang } from '../shared/useLang.js';

export type DocumentFilters = {
  type?: string;
  pillar?: string;
  memberState?: string;
  meeting?: string;
  year?: string;
  language?: string;
};

// Documents not yet adopted are their negotiators': the keys are private, so signing out drops them.
export const DOCUMENTS_KEY = [PRIVATE, 'documents'] as const;

export function useDocuments(filters: DocumentFilters = {}) {
  const lang = useLang();
  return useQuery({
    queryKey: [...DOCUMENTS_KEY, 'list', lang, filters],
    queryFn: ({ signal }) => getAll<Document>('/documents', lang, filters, signal),
  });
}

export function useDocument(slug: string) {
  const lang = useLang();
  return useQuery({
    queryKey: [...DOCUMENTS_KEY, 'one', lang, slug],
    queryFn: ({ signal }) => getJson<OutcomeDocument>(`/documents/${encodeURIComponent(slug)}`, lang, {}, signal),
  });
}
