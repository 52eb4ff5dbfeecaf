import type { MemberState } from '../../../contract/reference.js';
import { SUBREGIONS } from '../../../domain/reference.js';
import { useTranslation } from '../../i18n/react.js';
import { byName } from '../shared/byName.js';
import { formatNumber } from '../shared/format.js';
import { LangLink } from '../shared/LangLink.js';
import { Localized } from '../shared/Localized.js';
import { useLang } from '../shared/useLang.js';
import { Flag } from './Flag.js';
import { subregionLabel } from './subregions.js';

/** Tiles of equal size for every state, grouped by subregion: the small Caribbean states are as easy
 * to reach as the large ones, which a map of the Americas would not give them. */
export function StateGrid({ states, headingLevel = 3 }: { states: MemberState[]; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const lang = useLang();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="state-groups">
      {SUBREGIONS.map((subregion) => {
        const members = byName(
          states.filter((state) => state.subregion === subregion),
          (state) => state.name.text,
          lang,
        );
        if (members.length === 0) return null;
        return (
          <section key={subregion} className="state-group" aria-labelledby={`subregion-${subregion}`}>
            <Heading id={`subregion-${subregion}`} className="state-group__title">
              {subregionLabel(t, subregion)} <span className="count">({formatNumber(members.length, lang)})</span>
            </Heading>
            <ul className="state-grid">
              {members.map((state) => (
                <li key={state.id}>
                  <LangLink to={`/member-states/${state.slug}`} className="state-tile">
                    <Flag iso2={state.iso2} />
                    <span className="state-tile__name">
                      <Localized value={state.name} />
                    </span>
                  </LangLink>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
