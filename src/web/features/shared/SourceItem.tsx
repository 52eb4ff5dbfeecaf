import { useTranslation } from 'react-i18next';
import { sourceFieldLabel } from './sourceFields.js';

/** A URL shortened for reading: host and path, without the scheme. */
export function displayUrl(url: string): string {
  try {
    const { host, pathname } = new URL(url);
    return `${host}${pathname === '/' ? '' : pathname}`;
  } catch {
    return url;
  }
}

type SourceLike = { url: string; note: string | null; field: string | null };

export function sourceKey(source: SourceLike): string {
  return `${source.url}|${source.field ?? ''}|${source.note ?? ''}`;
}

/** One source: the fact it supports, the link, and the editors' note (kept in English, as written). */
export function SourceItem({ source }: { source: SourceLike }) {
  const { t } = useTranslation();
  const field = sourceFieldLabel(t, source.field);
  return (
    <li>
      {field && <span className="source-field">{field}</span>}
      <a href={source.url}>{displayUrl(source.url)}</a>
      {source.note && (
        <>
          {' — '}
          <span lang="en">{source.note}</span>
        </>
      )}
    </li>
  );
}
