import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Cycle,
  CycleCreate,
  CycleList,
  FollowUpItemList,
  Report,
  ReportDraft,
  ReportList,
  ReportReview,
} from '../../../contract/follow-up.js';
import { getJson } from '../../api/client.js';
import { sendJson } from '../../api/send.js';
import { PRIVATE } from '../account/queries.js';
import { useUpload } from '../shared/upload.js';
import { useLang } from '../shared/useLang.js';

// Drafts and reviews follow who reads: private keys, dropped on signing in or out.
const KEY = [PRIVATE, 'follow-up-reporting'] as const;

/** One state's report on one item of a cycle. */
export interface Slot {
  cycle: string;
  item: string;
  state: string;
}

export const reportPath = (slot: Slot) => `/follow-up/cycles/${slot.cycle}/reports/${slot.item}/${slot.state}`;

export function useCycles() {
  const lang = useLang();
  return useQuery({
    queryKey: [...KEY, 'cycles', lang],
    queryFn: ({ signal }) => getJson<CycleList>('/follow-up/cycles', lang, {}, signal),
  });
}

/** Every item followed up, in the reader's language (a cycle names its items by id). */
export function useItems() {
  const lang = useLang();
  return useQuery({
    queryKey: [...KEY, 'items', lang],
    queryFn: ({ signal }) => getJson<FollowUpItemList>('/follow-up/items', lang, {}, signal),
  });
}

/** The cycle's reports the reader may see. */
export function useReports(cycle: string) {
  const lang = useLang();
  return useQuery({
    queryKey: [...KEY, 'reports', cycle],
    queryFn: ({ signal }) => getJson<ReportList>(`/follow-up/cycles/${cycle}/reports`, lang, {}, signal),
  });
}

function useChanged() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: KEY });
}

export function useOpenCycle() {
  const lang = useLang();
  const changed = useChanged();
  return useMutation({
    mutationFn: (input: CycleCreate) => sendJson<Cycle>('POST', '/follow-up/cycles', lang, input),
    onSuccess: changed,
  });
}

/**
 * Saves a draft. The list of reports is not refetched after each autosave: the editor holds the
 * report it saved, and the list is read again when the report is submitted or left.
 */
export function useSaveDraft(slot: Slot) {
  const lang = useLang();
  return useMutation({
    mutationFn: ({ body, keepalive }: { body: Partial<ReportDraft>; keepalive?: boolean }) =>
      sendJson<Report>('PUT', reportPath(slot), lang, body, keepalive),
  });
}

export function useSubmitReport(slot: Slot) {
  const lang = useLang();
  const changed = useChanged();
  return useMutation({
    mutationFn: (version: number) => sendJson<Report>('POST', `${reportPath(slot)}/submit`, lang, { version }),
    onSettled: changed,
  });
}

export function useReviewReport(slot: Slot) {
  const lang = useLang();
  const changed = useChanged();
  return useMutation({
    mutationFn: (input: ReportReview) => sendJson<Report>('POST', `${reportPath(slot)}/review`, lang, input),
    onSettled: changed,
  });
}

export function usePublishReport(slot: Slot) {
  const lang = useLang();
  const changed = useChanged();
  return useMutation({
    mutationFn: (input: { version: number; published: boolean }) =>
      sendJson<Report>('POST', `${reportPath(slot)}/publish`, lang, input),
    onSettled: changed,
  });
}

export function useUploadEvidence(slot: Slot, done: (report: Report | undefined) => void) {
  return useUpload<{ file: File }, Report>(() => `${reportPath(slot)}/files`, done, undefined, 'POST');
}

export function useRemoveEvidence(slot: Slot) {
  const lang = useLang();
  return useMutation({
    mutationFn: (file: string) => sendJson<Report>('DELETE', `${reportPath(slot)}/files/${file}`, lang),
  });
}

/** After a report's submission or review: the lists read again. */
export function useReportsChanged() {
  return useChanged();
}
