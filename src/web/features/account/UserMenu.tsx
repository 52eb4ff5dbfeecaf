import { lazy, Suspense } from 'react';
import { useLocation } from 'react-router';
import { i18n, loadCatalog } from '../../i18n/index.js';
import { useTranslation } from '../../i18n/react.js';
import { LangLink } from '../shared/LangLink.js';
import { needsSecondFactor, useMe } from './queries.js';
import './account.css';

// Most readers never sign in: the signed-in menu (and signing out) is fetched only for those who do,
// with the rest of the catalog it speaks from (the home page ships only the shell).
const SignedInMenu = lazy(async () => {
  const [menu] = await Promise.all([import('./SignedInMenu.js'), loadCatalog(i18n.language)]);
  return { default: menu.SignedInMenu };
});

// Pages after which returning makes no sense: a sign-in link from them starts afresh.
const NO_RETURN = /^\/(sign-in|two-factor|invitation|password-reset)(\/|$)/;

/** Where to come back to after signing in: the current page, without its language. */
export function useReturnPath(): string | null {
  const { pathname, search } = useLocation();
  const rest = pathname.replace(/^\/[^/]*/, '') || '/';
  return NO_RETURN.test(rest) ? null : `${rest}${search}`;
}

/** The header's account corner: a sign-in link for the public, a menu for a signed-in user. */
export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const back = useReturnPath();
  // Until we know who is reading, the corner keeps the sign-in link's room, so the header does not
  // grow under the reader's eyes when it appears.
  if (me.isPending) {
    return (
      <span className="account-link account-link--pending" aria-hidden="true">
        {t('account.signIn')}
      </span>
    );
  }
  if (!me.data) {
    return (
      <LangLink
        to={back && back !== '/' ? `/sign-in?next=${encodeURIComponent(back)}` : '/sign-in'}
        className="account-link"
      >
        {t('account.signIn')}
      </LangLink>
    );
  }
  return (
    <Suspense fallback={null}>
      <SignedInMenu name={me.data.displayName || me.data.email} pending={needsSecondFactor(me.data)} />
    </Suspense>
  );
}
