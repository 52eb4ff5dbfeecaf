import { useId } from 'react';
import type { Source } from '../../../contract/common.js';
import { useTranslation } from '../../i18n/react.js';
import { SourceItem, sourceKey } from './SourceItem.js';

/** Where the facts of a record were read. */
export function SourcesList({ sources, headingLevel = 2 }: { sources: Source[]; headingLevel?: 2 | 3 | 4 }) {
  const { t } = useTranslation();
  const headingId = useId();
  const Heading = `h${headingLevel}` as const;
  // A page-level list is a region of its own; the lists inside cards are not, or a page would hold
  // many landmarks with the same name.
  const Container = headingLevel === 2 ? 'section' : 'div';
  return (
    <Container className="sources" aria-labelledby={headingLevel === 2 ? headingId : undefined}>
      <Heading id={headingId}>{t('sources.heading')}</Heading>
      {sources.length === 0 ? (
        <p>{t('sources.none')}</p>
      ) : (
        <ul className="sources__list">
          {sources.map((source) => (
            <SourceItem key={sourceKey(source)} source={source} />
          ))}
        </ul>
      )}
    </Container>
  );
}
