import { useQuery } from '@tanstack/react-query';
import type { Partner } from '../../../contract/partners.js';
import type { TeamMember } from '../../../contract/reference.js';
import { getAll } from '../../api/client.js';
import { useLang } from '../shared/useLang.js';

export function useTeam() {
  const lang = useLang();
  return useQuery({
    queryKey: ['team', lang],
    queryFn: ({ signal }) => getAll<TeamMember>('/team', lang, {}, signal),
  });
}

export function usePartners() {
  const lang = useLang();
  return useQuery({
    queryKey: ['partners', lang],
    queryFn: ({ signal }) => getAll<Partner>('/partners', lang, {}, signal),
  });
}
