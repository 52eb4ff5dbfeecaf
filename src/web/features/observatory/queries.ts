import { useQuery } from '@tanstack/react-query';
import type {
  AggregateList,
  IndicatorDetail,
  IndicatorList,
  ObservationList,
  RegionalBrief,
  RegionalBriefList,
  StateIndicatorList,
  TrendList,
} from '../../../contract/indicators.js';
import { getJson } from '../../api/client.js';
import { PRIVATE } from '../account/queries.js';
import { useLang } from '../shared/useLang.js';

export function useIndicators() {
  const lang = useLang();
  return useQuery({
    queryKey: ['indicators', lang],
    queryFn: ({ signal }) => getJson<IndicatorList>('/indicators', lang, {}, signal),
  });
}

export function useIndicator(code: string) {
  const lang = useLang();
  return useQuery({
    queryKey: ['indicator', lang, code],
    queryFn: ({ signal }) => getJson<IndicatorDetail>(`/indicators/${encodeURIComponent(code)}`, lang, {}, signal),
  });
}

/** The published values of an indicator: every state's, or one state's. */
export function useObservations(code: string, state?: string) {
  const lang = useLang();
  return useQuery({
    queryKey: ['observations', lang, code, state ?? null],
    queryFn: ({ signal }) =>
      getJson<ObservationList>(`/indicators/${encodeURIComponent(code)}/observations`, lang, { state }, signal),
  });
}

/** Each state's trend (or one state's) over the default window of the indicator's latest years. */
export function useTrends(code: string, state?: string) {
  const lang = useLang();
  return useQuery({
    queryKey: ['trends', lang, code, state ?? null],
    queryFn: ({ signal }) =>
      getJson<TrendList>(`/indicators/${encodeURIComponent(code)}/trends`, lang, { state }, signal),
  });
}

/** A member state's latest value and trend on every indicator, in one request. */
export function useStateIndicators(state: string) {
  const lang = useLang();
  return useQuery({
    queryKey: ['state-indicators', lang, state],
    queryFn: ({ signal }) =>
      getJson<StateIndicatorList>(`/member-states/${encodeURIComponent(state)}/indicators`, lang, {}, signal),
  });
}

/** The regional and subregional aggregates of an indicator, per year (computed by the server). */
export function useAggregates(code: string) {
  const lang = useLang();
  return useQuery({
    queryKey: ['aggregates', lang, code],
    queryFn: ({ signal }) =>
      getJson<AggregateList>(`/indicators/${encodeURIComponent(code)}/aggregates`, lang, {}, signal),
  });
}

/** The secretariat's regional-concerns briefs: private, so signing out drops them. */
export const BRIEFS_KEY = [PRIVATE, 'regional-briefs'] as const;

export function useBriefs() {
  const lang = useLang();
  return useQuery({
    queryKey: [...BRIEFS_KEY, 'list', lang],
    queryFn: ({ signal }) => getJson<RegionalBriefList>('/observatory/briefs', lang, {}, signal),
  });
}

export function useBrief(id: string) {
  const lang = useLang();
  return useQuery({
    queryKey: [...BRIEFS_KEY, 'one', lang, id],
    queryFn: ({ signal }) => getJson<RegionalBrief>(`/observatory/briefs/${encodeURIComponent(id)}`, lang, {}, signal),
  });
}
