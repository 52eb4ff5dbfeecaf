import { useQuery } from '@tanstack/react-query';
import type { MemberState, MemberStateDetail, Subregion } from '../../../contract/reference.js';
import { getAll, getJson } from '../../api/client.js';
import { useLang } from '../shared/useLang.js';

export function useMemberStates(subregion?: Subregion) {
  const lang = useLang();
  return useQuery({
    queryKey: ['member-states', lang, subregion ?? null],
    queryFn: ({ signal }) => getAll<MemberState>('/member-states', lang, { subregion }, signal),
  });
}

export function useMemberState(slug: string, enabled = true) {
  const lang = useLang();
  return useQuery({
    enabled,
    queryKey: ['member-state', lang, slug],
    queryFn: ({ signal }) => getJson<MemberStateDetail>(`/member-states/${encodeURIComponent(slug)}`, lang, {}, signal),
  });
}
