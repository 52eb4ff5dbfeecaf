import { useState } from 'react';
import type { Amendment } from '../../../contract/negotiation.js';
import type { DocumentNode, OutcomeDocument } from '../../../contract/outcome-documents.js';
import { useTranslation } from '../../i18n/react.js';
import { TableWrap } from '../account/TableWrap.js';
import { formatNumber } from '../shared/format.js';
import { useLang } from '../shared/useLang.js';
import { AdoptionPanel } from './Adoption.js';
import { DocumentBody, nodeText } from './DocumentBody.js';
import { ParagraphNegotiation, useNegotiator } from './Negotiation.js';
import { useAmendments, useBlockers } from './negotiationQueries.js';

/** What is left to negotiate, as the API's `unsettled` filter says: open, or in brackets. */
const unsettled = (node: DocumentNode) => node.agreement === 'open' || node.brackets.length > 0;

/**
 * A text under negotiation (or agreed ad referendum), as its negotiators read it: how far each
 * section is settled, the body with each paragraph's amendments, brackets and controls (filterable
 * to what is left to negotiate), and what stands between the text and its adoption.
 */
export function NegotiatedText({ doc }: { doc: OutcomeDocument }) {
  const { t } = useTranslation();
  const who = useNegotiator(doc);
  const amendments = useAmendments(doc.id);
  const blockers = useBlockers(doc.id);
  const [onlyUnsettled, setOnlyUnsettled] = useState(false);
  const byParagraph = new Map<string, Amendment[]>();
  for (const amendment of amendments.data?.items ?? [])
    byParagraph.set(amendment.nodeId, [...(byParagraph.get(amendment.nodeId) ?? []), amendment]);
  return (
    <>
      <Progress doc={doc} />
      <label className="checkbox negotiation__filter">
        <input type="checkbox" checked={onlyUnsettled} onChange={(event) => setOnlyUnsettled(event.target.checked)} />{' '}
        {t('negotiation.onlyUnsettled')}
      </label>
      <DocumentBody doc={doc} only={onlyUnsettled ? unsettled : undefined}>
        {(node) => (
          <ParagraphNegotiation
            doc={doc}
            node={node}
            amendments={byParagraph.get(node.id) ?? []}
            blockers={blockers.data}
            who={who}
          />
        )}
      </DocumentBody>
      <AdoptionPanel doc={doc} blockers={blockers.data} who={who} />
    </>
  );
}

/** Per section (the body's own paragraphs first), how many paragraphs are open, agreed, agreed ad
 * referendum and bracketed: the document's progress at a glance, as a table. */
function Progress({ doc }: { doc: OutcomeDocument }) {
  const { t } = useTranslation();
  const lang = useLang();
  const name = (sectionId: string | null) => {
    const section = doc.body.find((n) => n.id === sectionId);
    return section ? (nodeText(section, lang, doc.originalLang)?.text ?? '') : t('negotiation.progress.body');
  };
  const n = (value: number) => formatNumber(value, lang);
  return (
    <div className="negotiation__progress">
      <TableWrap label={t('negotiation.progress.caption')}>
        <table className="data-table">
          <caption>{t('negotiation.progress.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('negotiation.progress.section')}</th>
              <th scope="col">{t('negotiation.progress.paragraphs')}</th>
              <th scope="col">{t('negotiation.agreement.open')}</th>
              <th scope="col">{t('negotiation.agreement.agreed')}</th>
              <th scope="col">{t('negotiation.agreement.adReferendum')}</th>
              <th scope="col">{t('negotiation.progress.bracketed')}</th>
            </tr>
          </thead>
          <tbody>
            {doc.sections.map((s) => (
              <tr key={s.sectionId ?? 'body'}>
                <th scope="row">{name(s.sectionId)}</th>
                <td>{n(s.paragraphs)}</td>
                <td>{n(s.open)}</td>
                <td>{n(s.agreed)}</td>
                <td>{n(s.agreedAdReferendum)}</td>
                <td>{n(s.bracketed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}
