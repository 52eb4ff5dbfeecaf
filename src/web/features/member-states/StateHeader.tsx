import type { ReactNode } from 'react';
import type { MemberState } from '../../../contract/reference.js';
import { Localized } from '../shared/Localized.js';
import { Flag } from './Flag.js';

/** The band at the top of a member state's pages: its flag, a kicker and its name. */
export function StateHeader({ state, kicker }: { state: MemberState; kicker: ReactNode }) {
  return (
    <div className="page-header">
      <div className="container page-header__with-flag">
        <Flag iso2={state.iso2} size="large" />
        <div>
          <p className="page-header__kicker">{kicker}</p>
          <h1>
            <Localized value={state.name} />
          </h1>
        </div>
      </div>
    </div>
  );
}
