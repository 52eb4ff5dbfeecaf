import type { Pillar } from '../../../contract/reference.js';
import { LangLink } from '../shared/LangLink.js';
import { Localized } from '../shared/Localized.js';

/** The five pillars as numbered cards; each links to its part of the pillars page. */
export function PillarCards({ pillars }: { pillars: Pillar[] }) {
  return (
    <ol className="card-grid pillar-cards">
      {pillars.map((pillar) => (
        <li key={pillar.id} className="card pillar-card">
          <span className="pillar-card__number" aria-hidden="true">
            {pillar.position}
          </span>
          <h3 className="card__title">
            <LangLink to={`/pillars#pillar-${pillar.code}`}>
              <Localized value={pillar.name} />
            </LangLink>
          </h3>
          <p className="card__text clamp">
            <Localized value={pillar.description} />
          </p>
        </li>
      ))}
    </ol>
  );
}
