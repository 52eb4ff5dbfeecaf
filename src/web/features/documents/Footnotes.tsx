import type { Footnote, OutcomeDocument } from '../../../contract/outcome-documents.js';
import type { FootnoteKind, FootnotePart } from '../../../domain/negotiation.js';
import { useTranslation } from '../../i18n/react.js';
import { SourceItem, sourceKey } from '../shared/SourceItem.js';
import { useLang } from '../shared/useLang.js';

type T = ReturnType<typeof useTranslation>['t'];

export function footnoteKindLabel(t: T, kind: FootnoteKind): string {
  return kind === 'reservation' ? t('negotiation.footnote.reservation') : t('negotiation.footnote.interpretative');
}

function partLabel(t: T, part: FootnotePart, number: string): string {
  switch (part) {
    case 'preamble':
      return t('negotiation.footnote.part.preamble', { number });
    case 'recommendations':
      return t('negotiation.footnote.part.recommendations', { number });
    case 'follow-up':
      return t('negotiation.footnote.part.followUp', { number });
  }
}

/** What a historic footnote is known by: the paragraphs it names, that it is told in other words,
 * and its source (the platform does not hold the text it is on). */
function Provenance({ note }: { note: Footnote }) {
  const { t } = useTranslation();
  const list = new Intl.ListFormat(useLang(), { type: 'conjunction' });
  return (
    <>
      {note.concerns.length > 0 && (
        <>
          {' '}
          {t('negotiation.footnote.concerns', {
            paragraphs: list.format(note.concerns.map((c) => partLabel(t, c.part, c.number))),
          })}
        </>
      )}
      {!note.official && <> {t('negotiation.footnote.paraphrase')}</>}
      {note.sources.length > 0 && (
        <ul className="sources__list" aria-label={t('sources.heading')}>
          {note.sources.map((source) => (
            <SourceItem key={sourceKey(source)} source={source} />
          ))}
        </ul>
      )}
    </>
  );
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
          <Provenance note={note} />
        </li>
      ))}
    </ul>
  );
}
