import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Loading and error states of one query, in the page's language; renders `children` with the data. */
export function QueryState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
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
  return <>{children(query.data)}</>;
}
