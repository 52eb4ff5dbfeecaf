import { useQuery } from '@tanstack/react-query';
import type { TechnicalGroup } from '../../../contract/reference.js';
import { getAll, getJson } from '../../api/client.js';
import { useLang } from '../shared/useLang.js';

export type TechnicalGroupFilters = { pillar?: string; memberState?: string; meeting?: string };

export function useTechnicalGroups(filters: TechnicalGroupFilters = {}) {
  const lang = useLang();
  return useQuery({
    queryKey: ['technical-groups', lang, filters],
    queryFn: ({ signal }) => getAll<TechnicalGroup>('/technical-groups', lang, filters, signal),
  });
}

export function useTechnicalGroup(slug: string) {
  const lang = useLang();
  return useQuery({
    queryKey: ['technical-group', lang, slug],
    queryFn: ({ signal }) => getJson<TechnicalGroup>(`/technical-groups/${encodeURIComponent(slug)}`, lang, {}, signal),
  });
}
