import { useTranslation } from '../../i18n/react.js';
import { formatDateTime } from '../account/time.js';
import { LangLink } from '../shared/LangLink.js';
import { QueryState } from '../shared/QueryState.js';
import { useLang } from '../shared/useLang.js';
import { useSeries } from './queries.js';

/** The final minutes of every meeting of the group, in order, each pointing at the one before. */
export function SeriesSection({ group }: { group: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const series = useSeries(group);
  return (
    <section aria-labelledby="series" className="stack">
      <h2 id="series">{t('records.series')}</h2>
      <QueryState query={series}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="empty">{t('records.seriesEmpty')}</p>
          ) : (
            <ol>
              {items.map((item) => (
                <li key={item.meeting.slug}>
                  <LangLink to={`/meetings/${item.meeting.slug}/records`}>{item.meeting.slug}</LangLink>
                  {item.meeting.startsAt && <> · {formatDateTime(item.meeting.startsAt, lang)}</>} ·{' '}
                  {t('records.versionLabel', { version: item.minutes.version })}
                  {item.previous && (
                    <>
                      {' '}
                      · <LangLink to={`/meetings/${item.previous}/records`}>{t('records.previous')}</LangLink>
                    </>
                  )}
                </li>
              ))}
            </ol>
          )
        }
      </QueryState>
    </section>
  );
}
