import { useQuery } from '@tanstack/react-query';
import type { Document } from '../../../contract/reference.js';
import { getAll, getJson } from '../../api/client.js';
import { useLang } from '../shared/useLang.js';

export type DocumentFilters = { pillar?: string; memberState?: string; meeting?: string; year?: string };

export function useDocuments(filters: DocumentFilters = {}) {
  const lang = useLang();
  return useQuery({
    queryKey: ['documents', lang, filters],
    queryFn: ({ signal }) => getAll<Document>('/documents', lang, filters, signal),
  });
}

export function useDocument(slug: string) {
  const lang = useLang();
  return useQuery({
    queryKey: ['document', lang, slug],
    queryFn: ({ signal }) => getJson<Document>(`/documents/${encodeURIComponent(slug)}`, lang, {}, signal),
  });
}
