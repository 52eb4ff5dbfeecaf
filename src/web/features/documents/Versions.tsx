import { useState } from 'react';
import type { ParagraphChange, VersionSummary } from '../../../contract/negotiation.js';
import type { OutcomeDocument } from '../../../contract/outcome-documents.js';
import { useTranslation } from '../../i18n/react.js';
import { TableWrap } from '../account/TableWrap.js';
import { formatNumber } from '../shared/format.js';
import { onSubmit, SelectField } from '../shared/forms.js';
import { QueryState } from '../shared/QueryState.js';
import { useLang } from '../shared/useLang.js';
import { formatMomentIn, useReaderTimeZone } from '../shared/zones.js';
import { paragraphNumber } from './documentTypes.js';
import { Diff } from './Negotiation.js';
import { useComparison, useVersions } from './negotiationQueries.js';

type T = ReturnType<typeof useTranslation>['t'];

function actionLabel(t: T, action: string): string {
  switch (action) {
    case 'outcome-documents.node-add':
      return t('negotiation.versions.action.nodeAdd');
    case 'outcome-documents.node-update':
      return t('negotiation.versions.action.nodeUpdate');
    case 'outcome-documents.node-move':
      return t('negotiation.versions.action.nodeMove');
    case 'outcome-documents.node-delete':
      return t('negotiation.versions.action.nodeDelete');
    case 'outcome-documents.amendment-accept':
      return t('negotiation.versions.action.amendmentAccept');
    case 'outcome-documents.bracket-resolve':
      return t('negotiation.versions.action.bracketResolve');
    case 'outcome-documents.revision':
      return t('negotiation.versions.action.revision');
    default:
      return t('negotiation.versions.action.other');
  }
}

function changeLabel(t: T, change: ParagraphChange['change']): string {
  if (change === 'changed') return t('negotiation.versions.change.changed');
  if (change === 'added') return t('negotiation.versions.change.added');
  if (change === 'removed') return t('negotiation.versions.change.removed');
  if (change === 'moved') return t('negotiation.versions.change.moved');
  return t('negotiation.versions.change.same');
}

/** The versions of the text (who changed what, when) and the comparison of any two, paragraph by
 * paragraph with a word-level diff. */
export function VersionsPanel({ doc }: { doc: OutcomeDocument }) {
  const { t } = useTranslation();
  const versions = useVersions(doc.id);
  return (
    <section aria-labelledby="versions-heading" className="versions">
      <h2 id="versions-heading">{t('negotiation.versions.heading')}</h2>
      <QueryState query={versions}>
        {({ items }) =>
          items.length === 0 ? <p>{t('negotiation.versions.none')}</p> : <VersionList doc={doc} items={items} />
        }
      </QueryState>
    </section>
  );
}

function VersionList({ doc, items }: { doc: OutcomeDocument; items: VersionSummary[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const zone = useReaderTimeZone() ?? 'UTC';
  const last = items[items.length - 1] as VersionSummary;
  // Until the reader picks, the first and the latest version (which moves on as the text changes).
  const [picked, setPicked] = useState<{ from?: string; to?: string }>({});
  const from = picked.from ?? String(items[0]?.number ?? last.number);
  const to = picked.to ?? String(last.number);
  const [range, setRange] = useState<{ from: number; to: number } | null>(null);
  const options = items.map((v) => ({ value: String(v.number), label: formatNumber(v.number, lang) }));
  return (
    <>
      <TableWrap label={t('negotiation.versions.heading')}>
        <table className="data-table">
          <caption className="visually-hidden">{t('negotiation.versions.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('negotiation.versions.number')}</th>
              <th scope="col">{t('negotiation.versions.revision')}</th>
              <th scope="col">{t('negotiation.versions.what')}</th>
              <th scope="col">{t('negotiation.versions.who')}</th>
              <th scope="col">{t('negotiation.versions.when')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((v) => (
              <tr key={v.number}>
                <td>{formatNumber(v.number, lang)}</td>
                <td>{formatNumber(v.revision, lang)}</td>
                <td>{actionLabel(t, v.action)}</td>
                <td>{v.madeBy ?? t('negotiation.versions.nobody')}</td>
                <td className="nowrap">{formatMomentIn(v.at, zone, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {items.length > 1 && (
        <form className="form form--inline" onSubmit={onSubmit(() => setRange({ from: Number(from), to: Number(to) }))}>
          <SelectField
            label={t('negotiation.versions.from')}
            value={from}
            onChange={(value) => setPicked((p) => ({ ...p, from: value }))}
            options={options}
          />
          <SelectField
            label={t('negotiation.versions.to')}
            value={to}
            onChange={(value) => setPicked((p) => ({ ...p, to: value }))}
            options={options}
          />
          <p className="form__actions">
            <button type="submit" className="button button--secondary button--small">
              {t('negotiation.versions.compare')}
            </button>
          </p>
        </form>
      )}
      {range && <Comparison doc={doc} range={range} />}
    </>
  );
}

function Comparison({ doc, range }: { doc: OutcomeDocument; range: { from: number; to: number } }) {
  const { t } = useTranslation();
  const lang = useLang();
  const comparison = useComparison(doc.id, range);
  const cite = (p: ParagraphChange) => {
    const number = p.to?.number ?? p.from?.number;
    return (p.kind === 'preambular' || p.kind === 'operative') && number
      ? paragraphNumber(t, p.kind, number)
      : t('documents.edit.kind.section');
  };
  return (
    <QueryState query={comparison}>
      {(result) => (
        <section aria-labelledby="comparison-heading">
          <h3 id="comparison-heading">
            {t('negotiation.versions.comparing', {
              from: formatNumber(result.from.number, lang),
              to: formatNumber(result.to.number, lang),
            })}
          </h3>
          <ol className="plain-list comparison">
            {result.paragraphs.map((p) => (
              <li key={p.id} className={`comparison__item comparison__item--${p.change}`}>
                <p>
                  <strong>{cite(p)}</strong> · {changeLabel(t, p.change)}
                </p>
                {p.change === 'same' || p.change === 'moved' ? (
                  <p>{p.to?.text ?? p.from?.text}</p>
                ) : (
                  <Diff parts={p.diff} />
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
    </QueryState>
  );
}
