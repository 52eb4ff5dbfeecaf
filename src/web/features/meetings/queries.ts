import { useQuery } from '@tanstack/react-query';
import type { Meeting, MeetingDetail } from '../../../contract/reference.js';
import { getAll, getJson } from '../../api/client.js';
import { useLang } from '../shared/useLang.js';

export type MeetingFilters = { pillar?: string; memberState?: string; year?: string };

export function useMeetings(filters: MeetingFilters = {}) {
  const lang = useLang();
  return useQuery({
    queryKey: ['meetings', lang, filters],
    queryFn: ({ signal }) => getAll<Meeting>('/meetings', lang, filters, signal),
  });
}

export function useMeeting(slug: string) {
  const lang = useLang();
  return useQuery({
    queryKey: ['meeting', lang, slug],
    queryFn: ({ signal }) => getJson<MeetingDetail>(`/meetings/${encodeURIComponent(slug)}`, lang, {}, signal),
  });
}
