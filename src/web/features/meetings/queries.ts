import { useQuery } from '@tanstack/react-query';
import type { Meeting, MeetingDetail } from '../../../contract/meetings.js';
import { getAll, getJson } from '../../api/client.js';
import { PRIVATE } from '../account/queries.js';
import { useLang } from '../shared/useLang.js';

export type MeetingFilters = { pillar?: string; memberState?: string; year?: string; kind?: Meeting['kind'] };

// Drafts and the transitions offered depend on who reads: the keys are private, so signing in or
// out drops them (account/queries.ts).
export const MEETINGS_KEY = [PRIVATE, 'meetings'] as const;

export function useMeetings(filters: MeetingFilters = {}) {
  const lang = useLang();
  return useQuery({
    queryKey: [...MEETINGS_KEY, 'list', lang, filters],
    queryFn: ({ signal }) => getAll<Meeting>('/meetings', lang, filters, signal),
  });
}

export function useMeeting(slug: string) {
  const lang = useLang();
  return useQuery({
    queryKey: [...MEETINGS_KEY, 'one', lang, slug],
    queryFn: ({ signal }) => getJson<MeetingDetail>(`/meetings/${encodeURIComponent(slug)}`, lang, {}, signal),
  });
}

/** The calendar feed and one meeting's calendar file, in the reader's language. */
export const calendarFeedPath = (lang: string) => `/api/v1/calendar.ics?lang=${lang}`;
export const meetingCalendarPath = (slug: string, lang: string) =>
  `/api/v1/meetings/${encodeURIComponent(slug)}/calendar.ics?lang=${lang}`;
