import { fieldErrors } from '../api/send.js';
import { AdminGate, AdminQueryState } from '../features/admin/AdminGate.js';
import { AUDIT_FILTERS, AuditFilterForm } from '../features/admin/AuditFilters.js';
import { AuditTable } from '../features/admin/AuditTable.js';
import { auditCsvUrl, useAudit } from '../features/admin/queries.js';
import { useFilterValues } from '../features/shared/FilterBar.js';
import { NextPageButton } from '../features/shared/NextPageButton.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { useLang } from '../features/shared/useLang.js';
import { useTranslation } from '../i18n/react.js';

export function AuditPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageMeta title={t('admin.audit.title')} description={t('admin.audit.description')} />
      <PageHeader kicker={t('admin.kicker')} title={t('admin.audit.title')} lead={t('admin.audit.lead')} />
      <div className="container page-body">
        <AdminGate allow="readAudit">{() => <AuditView />}</AdminGate>
      </div>
    </>
  );
}

function AuditView() {
  const { t } = useTranslation();
  const lang = useLang();
  const filters = useFilterValues(AUDIT_FILTERS);
  const audit = useAudit(filters);
  // A filter the server refuses (a malformed date typed by hand) is marked on its field.
  const errors = Object.fromEntries(
    Object.keys(fieldErrors(audit.error)).map((name) => [
      name,
      name === 'from' || name === 'to' ? t('admin.audit.badDate') : t('admin.audit.badText'),
    ]),
  );
  const refused = Object.keys(errors).length > 0;
  return (
    <>
      <AuditFilterForm key={JSON.stringify(filters)} errors={errors} />
      <p>
        <a className="button button--secondary" href={auditCsvUrl(filters, lang)} download="audit.csv">
          {t('admin.audit.export')}
        </a>
      </p>
      {refused ? (
        <div className="form-alert" role="alert">
          <p className="form-alert__message">{t('admin.audit.badFilters')}</p>
        </div>
      ) : (
        <AdminQueryState query={audit}>
          {(data) => {
            const entries = data.pages.flatMap((page) => page.items);
            return (
              <>
                <p className="result-count" aria-live="polite">
                  {t('admin.audit.count', { count: entries.length })}
                </p>
                {entries.length === 0 ? (
                  <p className="empty">{t('filters.noResults')}</p>
                ) : (
                  <AuditTable entries={entries} />
                )}
                <NextPageButton query={audit} label={t('admin.audit.older')} />
              </>
            );
          }}
        </AdminQueryState>
      )}
    </>
  );
}
