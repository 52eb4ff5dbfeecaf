import type { Role } from '../../../contract/accounts.js';
import type { AuditEntry } from '../../../contract/audit.js';
import { ROLES } from '../../../domain/accounts.js';
import { useTranslation } from '../../i18n/react.js';
import { roleLabel } from '../account/roles.js';
import { TableWrap } from '../account/TableWrap.js';
import { formatDateTime } from '../account/time.js';
import { useLang } from '../shared/useLang.js';
import { auditActionLabels, auditRecordTypeLabels, isAuditAction, isAuditRecordType } from './auditActions.js';

const isRole = (value: string | null): value is Role => (ROLES as readonly (string | null)[]).includes(value);

/** JSON as written to the trail, indented for reading; null when there is nothing. */
function pretty(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value, null, 2);
}

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const labels = auditActionLabels(t);
  const recordTypes = auditRecordTypeLabels(t);
  return (
    <TableWrap label={t('admin.audit.title')}>
      <table className="data-table audit-table">
        <caption className="visually-hidden">{t('admin.audit.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.audit.when')}</th>
            <th scope="col">{t('admin.audit.actor')}</th>
            <th scope="col">{t('admin.audit.role')}</th>
            <th scope="col">{t('admin.audit.action')}</th>
            <th scope="col">{t('admin.audit.entity')}</th>
            <th scope="col">{t('admin.audit.changes')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const before = pretty(entry.before);
            const after = pretty(entry.after);
            return (
              <tr key={entry.id}>
                <td className="nowrap">
                  <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, lang)}</time>
                </td>
                <td>
                  {entry.actor
                    ? (entry.actor.displayName ?? entry.actor.email ?? entry.actor.id)
                    : t('admin.audit.nobody')}
                  {entry.actor?.email && entry.actor.displayName && (
                    <span className="audit-table__sub">{entry.actor.email}</span>
                  )}
                </td>
                <td>{isRole(entry.role) ? roleLabel(t, entry.role) : (entry.role ?? '—')}</td>
                <td>
                  {isAuditAction(entry.action) ? (
                    <>
                      {labels[entry.action]}
                      <span className="audit-table__sub">
                        <code>{entry.action}</code>
                      </span>
                    </>
                  ) : (
                    <code>{entry.action}</code>
                  )}
                </td>
                <td>
                  {isAuditRecordType(entry.entityType) ? (
                    recordTypes[entry.entityType]
                  ) : (
                    <code>{entry.entityType}</code>
                  )}
                  <span className="audit-table__sub">
                    <code>{entry.entityId}</code>
                  </span>
                </td>
                <td>
                  {before || after ? (
                    <details>
                      <summary>{t('admin.audit.show')}</summary>
                      {before && (
                        <>
                          <p className="audit-table__label">{t('admin.audit.before')}</p>
                          <pre>{before}</pre>
                        </>
                      )}
                      {after && (
                        <>
                          <p className="audit-table__label">{t('admin.audit.after')}</p>
                          <pre>{after}</pre>
                        </>
                      )}
                    </details>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}
