import type { Source } from '../../../contract/common.js';
import { useTranslation } from '../../i18n/react.js';
import { sourceFieldLabel } from './sourceFields.js';

export function sourceKey(source: Source): string {
  return `${source.url}|${source.field ?? ''}|${source.note ?? ''}`;
}

/** One source: the fact it supports, the page as "title — publisher" linking to it, and the editors'
 * note (kept in English, as written). */
export function SourceItem({ source }: { source: Source }) {
  const { t } = useTranslation();
  const field = sourceFieldLabel(t, source.field);
  return (
    <li>
      {field && <span className="source-field">{field}</span>}
      <a href={source.url}>{`${source.title} — ${source.publisher}`}</a>
      {source.note && (
        <>
          {' — '}
          <span lang="en">{source.note}</span>
        </>
      )}
    </li>
  );
}
