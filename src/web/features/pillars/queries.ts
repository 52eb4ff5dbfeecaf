import { useQuery } from '@tanstack/react-query';
import type { Objective, Pillar } from '../../../contract/reference.js';
import { getAll } from '../../api/client.js';
import { useLang } from '../shared/useLang.js';

export function usePillars() {
  const lang = useLang();
  return useQuery({
    queryKey: ['pillars', lang],
    queryFn: ({ signal }) => getAll<Pillar>('/pillars', lang, {}, signal),
  });
}

export function useObjectives() {
  const lang = useLang();
  return useQuery({
    queryKey: ['objectives', lang],
    queryFn: ({ signal }) => getAll<Objective>('/objectives', lang, {}, signal),
  });
}
