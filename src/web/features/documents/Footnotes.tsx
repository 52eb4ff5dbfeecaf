import { useTranslation } from 'react-i18next';
import type { OutcomeDocument } from '../../../contract/outcome-documents.js';
import type { FootnoteKind } from '../../../domain/negotiation.js';
import { useLang } from '../shared/useLang.js';

type T = ReturnType<typeof useTranslation>['t'];

export function footnoteKindLabel(t: T, kind: FootnoteKind): string {
  return kind === 'reservation' ? t('negotiation.footnote.reservation') : t('negotiation.footnote.interpretative');
}

/** The footnotes attached to one paragraph (or, with `nodeId` null, to the whole text). */
export function Footnotes({ doc, nodeId }: { doc: OutcomeDocument; nodeId: string | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const notes = doc.footnotes.filter((f) => f.nodeId === nodeId);
  if (notes.length === 0) return null;
  return (
    <ul className="footnotes plain-list" aria-label={t('negotiation.footnote.heading')}>
      {notes.map((note) => (
        <li key={note.id} id={`footnote-${note.id}`}>
          <strong>
            {footnoteKindLabel(t, note.kind)} · {note.state.name.text}:
          </strong>{' '}
          <span lang={note.lang === lang ? undefined : note.lang}>{note.text}</span>
        </li>
      ))}
    </ul>
  );
}
