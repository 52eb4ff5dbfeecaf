import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MeetingCreate, MeetingDetail, MeetingUpdate } from '../../../contract/meetings.js';
import type { Transition } from '../../../domain/meetings.js';
import { sendJson } from '../../api/send.js';
import { useLang } from '../shared/useLang.js';
import { MEETINGS_KEY } from './queries.js';

// The secretariat's writes, apart from the reads of queries.ts: the public pages, which only read,
// do not load the mutation code (docs/performance.md).

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
    mutationFn: ({
      transition,
      version,
      overrideReason,
    }: {
      transition: Transition;
      version: number;
      overrideReason?: string;
    }) =>
      sendJson<MeetingDetail>(
        'POST',
        `/meetings/${encodeURIComponent(slug)}/${transition}`,
        lang,
        // A step before the meeting's dates allow it is made only as a stated override.
        overrideReason ? { version, override: true, reason: overrideReason } : { version },
      ),
    onSuccess: changed,
  });
}
