import type { ReactNode } from 'react';
import type { Lang } from '../../../contract/common.js';
import type { DocumentNode, OutcomeDocument } from '../../../contract/outcome-documents.js';
import { useTranslation } from '../../i18n/react.js';
import { PillarTags } from '../pillars/PillarTags.js';
import { useLang } from '../shared/useLang.js';
import { paragraphMarkLabel, paragraphNumber } from './documentTypes.js';
import { Footnotes } from './Footnotes.js';
import './documents.css';

/** A node's anchor: its stable id, so a link (or the language switch, which keeps the #fragment)
 * lands on the same paragraph whatever its number or language. */
export const nodeAnchor = (id: string) => `p-${id}`;

/** The text to show in `lang`: its translation once done, else the original (marked as such). */
export function nodeText(node: DocumentNode, lang: Lang, original: Lang | null) {
  const own = node.texts[lang];
  if (own && (own.state === 'done' || lang === original)) return { text: own.text, lang, fallback: false };
  const source = original ? node.texts[original] : undefined;
  return source ? { text: source.text, lang: original as Lang, fallback: true } : null;
}

/** The body of a document, read as published: sections as headings, paragraphs with their numbers,
 * marks, pillars and footnotes, each anchored by its id. While it is negotiated, `only` keeps some
 * paragraphs (what is left to negotiate) and `children` adds what each carries besides its text. */
export function DocumentBody({
  doc,
  only,
  children,
}: {
  doc: OutcomeDocument;
  only?: (node: DocumentNode) => boolean;
  children?: (node: DocumentNode) => ReactNode;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <div className="document-body">
      {doc.body.map((node) => {
        if (node.kind !== 'section' && only && !only(node)) return null;
        const shown = nodeText(node, lang, doc.originalLang);
        const text = shown ? (
          <span lang={shown.lang === lang ? undefined : shown.lang}>{shown.text}</span>
        ) : (
          <span className="not-recorded">{t('common.notRecorded')}</span>
        );
        const untranslated = shown?.fallback && (
          <small className="unofficial">{t('documents.body.untranslated')}</small>
        );
        if (node.kind === 'section') {
          const Heading = node.depth === 0 ? 'h3' : 'h4';
          return (
            <Heading key={node.id} id={nodeAnchor(node.id)} className="document-body__section">
              {text} {untranslated}
            </Heading>
          );
        }
        const number = paragraphNumber(t, node.kind, node.number ?? 0);
        return (
          <div
            key={node.id}
            id={nodeAnchor(node.id)}
            className={`document-body__paragraph document-body__paragraph--${node.kind}`}
          >
            <a
              href={`#${nodeAnchor(node.id)}`}
              className="document-body__number"
              aria-label={t('documents.body.paragraphLink', { number })}
            >
              {number}
            </a>
            <div>
              <p>
                {text} {untranslated}
              </p>
              <NodeMarks node={node} />
              <Footnotes doc={doc} nodeId={node.id} />
              {children?.(node)}
            </div>
          </div>
        );
      })}
    </div>
  );
}

/** What an operative paragraph asks of the states (its mark) and its pillars. */
export function NodeMarks({ node }: { node: DocumentNode }) {
  const { t } = useTranslation();
  if (!node.mark && node.pillars.length === 0) return null;
  return (
    <div className="document-body__marks">
      {node.mark && <span className="mark-badge">{paragraphMarkLabel(t, node.mark)}</span>}
      <PillarTags pillars={node.pillars} />
    </div>
  );
}
