import { useQuery } from '@tanstack/react-query';
import type { Lang } from '../../../contract/common.js';
import type {
  CommentCreate,
  Decision,
  DecisionCreate,
  DecisionList,
  DecisionOrder,
  DecisionUpdate,
  RecordKind,
  RecordsOverview,
  RecordTransition,
  RecordVersion,
  RecordWrite,
  Series,
} from '../../../contract/meeting-records.js';
import { getJson } from '../../api/client.js';
import { sendJson } from '../../api/send.js';
import { PRIVATE } from '../account/queries.js';
import { useWrite } from '../agenda/queries.js';
import { useLang } from '../shared/useLang.js';

// What one may read depends on who is signed in: the keys are private.
const recordsKey = (slug: string) => [PRIVATE, 'records', slug] as const;
const path = (slug: string, rest = '') => `/meetings/${encodeURIComponent(slug)}${rest}`;

export function useRecords(slug: string, enabled = true) {
  const lang = useLang();
  return useQuery({
    queryKey: [...recordsKey(slug), 'overview', lang],
    queryFn: ({ signal }) => getJson<RecordsOverview>(path(slug, '/records'), lang, {}, signal),
    staleTime: 0,
    enabled,
  });
}

export function useRecordVersion(slug: string, kind: RecordKind, version: number | null) {
  const lang = useLang();
  return useQuery({
    queryKey: [...recordsKey(slug), kind, version, lang],
    queryFn: ({ signal }) =>
      getJson<RecordVersion>(path(slug, `/records/${kind}/versions/${version}`), lang, {}, signal),
    enabled: version !== null,
    staleTime: 0,
  });
}

export function useSeries(group: string | null) {
  const lang = useLang();
  return useQuery({
    queryKey: ['minutes-series', group, lang],
    queryFn: ({ signal }) =>
      getJson<Series>(`/technical-groups/${encodeURIComponent(group ?? '')}/minutes`, lang, {}, signal),
    enabled: group !== null,
  });
}

const useRecordsWrite = <I, O>(slug: string, send: (lang: Lang, input: I) => Promise<O>) =>
  useWrite(recordsKey(slug), send);

export const useWriteRecord = (slug: string, kind: RecordKind) =>
  useRecordsWrite(slug, (lang, input: RecordWrite) =>
    sendJson<RecordVersion>('PUT', path(slug, `/records/${kind}`), lang, input),
  );

export const useRecordStep = (slug: string, kind: RecordKind) =>
  useRecordsWrite(slug, (lang, { step, ...input }: RecordTransition & { step: 'share' | 'finalise' }) =>
    sendJson<RecordVersion>('POST', path(slug, `/records/${kind}/${step}`), lang, input),
  );

export const useComment = (slug: string, kind: RecordKind, version: number) =>
  useRecordsWrite(slug, (lang, input: CommentCreate) =>
    sendJson<RecordVersion>('POST', path(slug, `/records/${kind}/versions/${version}/comments`), lang, input),
  );

export const useAddDecision = (slug: string) =>
  useRecordsWrite(slug, (lang, input: DecisionCreate) =>
    sendJson<Decision>('POST', path(slug, '/decisions'), lang, input),
  );

export const useRemoveDecision = (slug: string) =>
  useRecordsWrite(slug, (lang, { id, ...input }: RecordTransition & { id: string }) =>
    sendJson('DELETE', path(slug, `/decisions/${encodeURIComponent(id)}`), lang, input),
  );

export const useUpdateDecision = (slug: string) =>
  useRecordsWrite(slug, (lang, { id, ...input }: DecisionUpdate & { id: string }) =>
    sendJson<Decision>('PUT', path(slug, `/decisions/${encodeURIComponent(id)}`), lang, input),
  );

export const useReorderDecisions = (slug: string) =>
  useRecordsWrite(slug, (lang, input: DecisionOrder) =>
    sendJson<DecisionList>('PUT', path(slug, '/decisions/order'), lang, input),
  );
