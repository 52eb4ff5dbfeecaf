import { useQueries, useQuery } from '@tanstack/react-query';
import type { CycleList, FollowUpItemList, Matrix, Rates, ReportList } from '../../../contract/follow-up.js';
import type { RateGroup } from '../../../domain/follow-up.js';
import { getJson } from '../../api/client.js';
import { PRIVATE } from '../account/queries.js';
import { together } from '../shared/QueryState.js';
import { useLang } from '../shared/useLang.js';

// What a reader sees of the follow-up follows who they are (a focal point sees their state's drafts):
// the keys are private, so signing out drops them.
const KEY = [PRIVATE, 'follow-up'] as const;

export function useCycles() {
  const lang = useLang();
  return useQuery({
    queryKey: [...KEY, 'cycles', lang],
    queryFn: ({ signal }) => getJson<CycleList>('/follow-up/cycles', lang, {}, signal),
  });
}

/** The items followed up, of one document or addressing one pillar when asked. */
export function useFollowUpItems(filters: { document?: string; pillar?: string } = {}) {
  const lang = useLang();
  return useQuery({
    queryKey: [...KEY, 'items', lang, filters],
    queryFn: ({ signal }) => getJson<FollowUpItemList>('/follow-up/items', lang, filters, signal),
  });
}

export interface MatrixFilters {
  document?: string | undefined;
  pillar?: string | undefined;
  subregion?: string | undefined;
}

/** The matrix of a cycle, narrowed by the API to a document, a pillar, a subregion; waits for a cycle. */
export function useMatrix(cycle: string | undefined, filters: MatrixFilters) {
  const lang = useLang();
  return useQuery({
    enabled: cycle !== undefined,
    queryKey: [...KEY, 'matrix', lang, cycle, filters],
    queryFn: ({ signal }) => getJson<Matrix>('/follow-up/matrix', lang, { cycle, ...filters }, signal),
  });
}

/** The rates grouped `by`, of each of these cycles (one query each, answered together). */
export function useRates(cycles: readonly string[], by: RateGroup) {
  const lang = useLang();
  return useQueries({
    queries: cycles.map((cycle) => ({
      queryKey: [...KEY, 'rates', lang, cycle, by],
      queryFn: ({ signal }: { signal: AbortSignal }) => getJson<Rates>('/follow-up/rates', lang, { cycle, by }, signal),
    })),
    combine: together<Rates>,
  });
}

/** One state's reports the reader may see, in each of these cycles. */
export function useStateReports(cycles: readonly string[], state: string) {
  const lang = useLang();
  return useQueries({
    queries: cycles.map((cycle) => ({
      queryKey: [...KEY, 'reports', lang, cycle, state],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        getJson<ReportList>(`/follow-up/cycles/${encodeURIComponent(cycle)}/reports`, lang, { state }, signal),
    })),
    combine: together<ReportList>,
  });
}
