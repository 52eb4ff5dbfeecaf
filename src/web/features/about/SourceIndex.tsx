import type { DatasetSource } from '../../../contract/reference.js';
import { useTranslation } from '../../i18n/react.js';
import { byName } from '../shared/byName.js';
import { LangLink } from '../shared/LangLink.js';
import { SourceItem, sourceKey } from '../shared/SourceItem.js';
import { useLang } from '../shared/useLang.js';
import {
  NUMBERED_TYPES,
  normaliseRecordType,
  RECORD_TYPES,
  type RecordType,
  recordPath,
  recordTypeLabel,
} from './recordTypes.js';
import { recordKey, useRecordNames } from './useRecordNames.js';

type RecordSources = { type: RecordType | null; slug: string; sources: DatasetSource[] };

function groupByRecord(sources: DatasetSource[]): Map<RecordType | null, RecordSources[]> {
  const records = new Map<string, RecordSources>();
  for (const source of sources) {
    const type = normaliseRecordType(source.entityType);
    const key = recordKey(type, source.entitySlug);
    const record = records.get(key) ?? { type, slug: source.entitySlug, sources: [] };
    record.sources.push(source);
    records.set(key, record);
  }
  const byType = new Map<RecordType | null, RecordSources[]>();
  for (const type of [...RECORD_TYPES, null]) byType.set(type, []);
  for (const record of records.values()) byType.get(record.type)?.push(record);
  return byType;
}

/** Every source of the dataset, grouped by kind of record and then by record. */
export function SourceIndex({ sources }: { sources: DatasetSource[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const names = useRecordNames();
  const nameOf = (record: RecordSources) => names.get(recordKey(record.type, record.slug)) ?? record.slug;
  const groups = [...groupByRecord(sources)]
    .filter(([, records]) => records.length > 0)
    .map(([type, records]) => [type, NUMBERED_TYPES.includes(type) ? records : byName(records, nameOf, lang)] as const);
  if (groups.length === 0) return <p className="empty">{t('about.noSources')}</p>;
  return (
    <div className="source-index">
      {groups.map(([type, records]) => (
        <section key={type ?? 'other'} aria-labelledby={`sources-${type ?? 'other'}`}>
          <h3 id={`sources-${type ?? 'other'}`}>
            {recordTypeLabel(t, type)} <span className="count">({records.length})</span>
          </h3>
          <ul className="source-index__records">
            {records.map((record) => {
              const name = nameOf(record);
              const path = recordPath(record.type, record.slug);
              return (
                <li key={record.slug}>
                  <p className="source-index__record">{path ? <LangLink to={path}>{name}</LangLink> : name}</p>
                  <ul className="sources__list">
                    {record.sources.map((source) => (
                      <SourceItem key={sourceKey(source)} source={source} />
                    ))}
                  </ul>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
