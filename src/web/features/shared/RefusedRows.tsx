import type { ApiError } from '../../api/client.js';
import { useTranslation } from '../../i18n/react.js';
import { TableWrap } from '../account/TableWrap.js';

/**
 * The rows an import refused, each where (row and column, as the file names them) and why, from
 * the server's problem document: every import of a file (observatory values, follow-up items)
 * shows its refusals so.
 */
export function RefusedRows({ errors }: { errors: NonNullable<NonNullable<ApiError['problem']>['errors']> }) {
  const { t } = useTranslation();
  if (errors.length === 0) return null;
  /** `rows.12.OBS_VALUE` as a reader says it: row 12, column OBS_VALUE. */
  const whereOf = (name: string) => {
    const [, row, column] = name.split('.');
    if (row === undefined) return name === 'rows' ? t('imports.otherRows') : t('imports.wholeFile');
    return t('imports.cell', { row, column: column ?? '' });
  };
  return (
    <TableWrap label={t('imports.refused')}>
      <table className="data-table">
        <caption>{t('imports.refused')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('imports.where')}</th>
            <th scope="col">{t('imports.why')}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((error) => (
            <tr key={`${error.name}-${error.reason}`}>
              <th scope="row">{whereOf(error.name)}</th>
              <td>{error.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
