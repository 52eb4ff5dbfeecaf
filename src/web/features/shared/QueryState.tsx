import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from '../../i18n/react.js';

/** What QueryState reads of a query: one query's result, or several answered together (`together`). */
export interface Answer<T> {
  isPending: boolean;
  isError: boolean;
  data: T | undefined;
  refetch: () => unknown;
}

/** Several queries as one answer: pending while any is, failed when any failed, else every answer
 * in order (for `useQueries`' `combine`). */
export function together<T>(results: ReadonlyArray<UseQueryResult<T>>): Answer<T[]> {
  return {
    isPending: results.some((r) => r.isPending),
    isError: results.some((r) => r.isError),
    data: results.every((r) => r.data !== undefined) ? results.map((r) => r.data as T) : undefined,
    refetch: () => Promise.all(results.map((r) => r.refetch())),
  };
}

/** Loading and error states of one query, in the page's language; renders `children` with the data. */
export function QueryState<T>({ query, children }: { query: Answer<T>; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <p className="status" role="status">
        <span className="spinner" aria-hidden="true" />
        {t('status.loading')}
      </p>
    );
  }
  if (query.isError) {
    return (
      <div className="status status--error" role="alert">
        <p>{t('status.error')}</p>
        <button type="button" className="button" onClick={() => void query.refetch()}>
          {t('status.retry')}
        </button>
      </div>
    );
  }
  // Neither pending nor failed: the answer is there.
  return <>{children(query.data as T)}</>;
}
