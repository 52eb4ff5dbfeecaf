import { useQuery } from '@tanstack/react-query';
import type { LibraryEntry } from '../../../contract/library.js';
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

export type LibraryFilters = {
  meeting?: string;
  kind?: string;
  language?: string;
  pillar?: string;
  year?: string;
  sort?: string;
};

/** The document library: every meeting's documents and the outcome documents, as the reader may see them. */
export function useLibrary(filters: LibraryFilters = {}) {
  const lang = useLang();
  return useQuery({
    queryKey: [...DOCUMENTS_KEY, 'library', lang, filters],
    queryFn: ({ signal }) => getAll<LibraryEntry>('/library', lang, filters, signal),
  });
}

export function useDocument(slug: string) {
  const lang = useLang();
  return useQuery({
    queryKey: [...DOCUMENTS_KEY, 'one', lang, slug],
    queryFn: ({ signal }) => getJson<OutcomeDocument>(`/documents/${encodeURIComponent(slug)}`, lang, {}, signal),
  });
}
