import { apiUrl, type QueryParams } from '../../api/client.js';
import { useTranslation } from '../../i18n/react.js';
import { useLang } from '../shared/useLang.js';

/** The API's own exports of what the page shows, as CSV and as XLSX (the server writes both). */
export function ExportLinks({ path, query, note }: { path: string; query: QueryParams; note?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <p className="follow-up-links">
      <a href={apiUrl(path, lang, { ...query, format: 'csv' })} download>
        {t('followUp.public.downloadCsv')}
      </a>
      <a href={apiUrl(path, lang, { ...query, format: 'xlsx' })} download>
        {t('followUp.public.downloadXlsx')}
      </a>
      {note ? <span className="chart-note">{note}</span> : null}
    </p>
  );
}
