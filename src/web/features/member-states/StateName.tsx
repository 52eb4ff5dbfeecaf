import type { MemberStateRef } from '../../../contract/reference.js';
import { LangLink } from '../shared/LangLink.js';
import { Localized } from '../shared/Localized.js';
import { Flag } from './Flag.js';

/** A member state as it appears inside other records: flag and name, linking to its page. */
export function StateLink({ state }: { state: MemberStateRef }) {
  return (
    <LangLink to={`/member-states/${state.slug}`} className="state-link">
      <Flag iso2={state.iso2} />
      <Localized value={state.name} />
    </LangLink>
  );
}
