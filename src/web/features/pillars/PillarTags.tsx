import type { PillarRef } from '../../../contract/reference.js';
import { useTranslation } from '../../i18n/react.js';
import { LangLink } from '../shared/LangLink.js';
import { Localized } from '../shared/Localized.js';

/** The pillars a record belongs to, as small links to the pillars page. */
export function PillarTags({ pillars }: { pillars: PillarRef[] }) {
  const { t } = useTranslation();
  if (pillars.length === 0) return null;
  return (
    <ul className="tags" aria-label={t('pillars.tagsLabel')}>
      {pillars.map((pillar) => (
        <li key={pillar.id}>
          <LangLink to={`/pillars#pillar-${pillar.code}`} className="tag">
            <Localized value={pillar.name} />
          </LangLink>
        </li>
      ))}
    </ul>
  );
}
