import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MeetingCreate, MeetingUpdate, Transition } from '../../../contract/meetings.js';
import type { Meeting, MeetingDetail } from '../../../contract/reference.js';
import { getAll, getJson, sendJson } from '../../api/client.js';
import { PRIVATE } from '../account/queries.js';
import { useLang } from '../shared/useLang.js';

export type MeetingFilters = { pillar?: string; memberState?: string; year?: string; kind?: Meeting['kind'] };

// Drafts and the transitions offered depend on who reads: the keys are private, so signing in or
// out drops them (account/queries.ts).
const MEETINGS_KEY = [PRIVATE, 'meetings'] as const;

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

/** After a change: every list and page of meetings is read again. */
function useMeetingsChanged() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: MEETINGS_KEY });
}

export function useCreateMeeting() {
  const lang = useLang();
  const changed = useMeetingsChanged();
  return useMutation({
    mutationFn: (input: MeetingCreate) => sendJson<MeetingDetail>('POST', '/meetings', lang, input),
    onSuccess: changed,
  });
}

export function useUpdateMeeting(slug: string) {
  const lang = useLang();
  const changed = useMeetingsChanged();
  return useMutation({
    mutationFn: (input: MeetingUpdate) =>
      sendJson<MeetingDetail>('PATCH', `/meetings/${encodeURIComponent(slug)}`, lang, input),
    onSuccess: changed,
  });
}

export function useMeetingTransition(slug: string) {
  const lang = useLang();
  const changed = useMeetingsChanged();
  return useMutation({
    mutationFn: ({ transition, version }: { transition: Transition; version: number }) =>
      sendJson<MeetingDetail>('POST', `/meetings/${encodeURIComponent(slug)}/${transition}`, lang, { version }),
    onSuccess: changed,
  });
}

/** The calendar feed and one meeting's calendar file, in the reader's language. */
export const calendarFeedPath = (lang: string) => `/api/v1/calendar.ics?lang=${lang}`;
export const meetingCalendarPath = (slug: string, lang: string) =>
  `/api/v1/meetings/${encodeURIComponent(slug)}/calendar.ics?lang=${lang}`;
