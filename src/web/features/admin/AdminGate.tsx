import type { ReactNode } from 'react';
import type { Me } from '../../../contract/accounts.js';
import { ApiError } from '../../api/client.js';
import { useTranslation } from '../../i18n/react.js';
import { SignedIn } from '../account/SignedIn.js';
import { LangLink } from '../shared/LangLink.js';

/** The secretariat's pages: signed in, and allowed by what `/me` says the reader may do (`allow`).
 * The server decides in the end (a 403 from it shows the same message); this only spares a
 * pointless request. */
export function AdminGate({ allow, children }: { allow: keyof Me['can']; children: (me: Me) => ReactNode }) {
  return <SignedIn>{(me) => (me.can[allow] ? children(me) : <Forbidden />)}</SignedIn>;
}

export function Forbidden() {
  const { t } = useTranslation();
  return (
    <div className="notice notice--warning" role="alert">
      <p>{t('admin.forbidden')}</p>
      <p>
        <LangLink to="/account">{t('account.title')}</LangLink>
      </p>
    </div>
  );
}

type Loadable<T> = {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => unknown;
};

/** Loading, refusal and failure of one of the secretariat's queries; renders `children` with the data. */
export function AdminQueryState<T>({ query, children }: { query: Loadable<T>; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <p className="status" role="status">
        <span className="spinner" aria-hidden="true" />
        {t('status.loading')}
      </p>
    );
  }
  if (query.isError || query.data === undefined) {
    if (query.error instanceof ApiError && query.error.status === 403) return <Forbidden />;
    return (
      <div className="status status--error" role="alert">
        <p>{query.error instanceof ApiError && query.error.problem ? query.error.problem.detail : t('status.error')}</p>
        <button type="button" className="button" onClick={() => void query.refetch()}>
          {t('status.retry')}
        </button>
      </div>
    );
  }
  return <>{children(query.data)}</>;
}
