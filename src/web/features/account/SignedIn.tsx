import type { ReactNode } from 'react';
import type { Me } from '../../../contract/accounts.js';
import { useTranslation } from '../../i18n/react.js';
import { LangLink } from '../shared/LangLink.js';
import { QueryState } from '../shared/QueryState.js';
import { withNext } from './nextPath.js';
import { needsSecondFactor, useMe } from './queries.js';
import { useReturnPath } from './UserMenu.js';

/** Renders its children for a signed-in user who has passed any second factor owed; otherwise says
 * what to do first (sign in, or finish two-factor authentication), with a link that comes back here. */
export function SignedIn({ children }: { children: (me: Me) => ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const back = useReturnPath();
  return (
    <QueryState query={me}>
      {(data) => {
        if (!data) {
          return (
            <div className="notice">
              <p>{t('account.signInFirst')}</p>
              <p>
                <LangLink className="button" to={withNext('/sign-in', back)}>
                  {t('account.signIn')}
                </LangLink>
              </p>
            </div>
          );
        }
        if (needsSecondFactor(data)) {
          return (
            <div className="notice">
              <p>{t('twoFactor.pendingNotice')}</p>
              <p>
                <LangLink className="button" to={withNext('/two-factor', back)}>
                  {t('twoFactor.finishSignIn')}
                </LangLink>
              </p>
            </div>
          );
        }
        return children(data);
      }}
    </QueryState>
  );
}
