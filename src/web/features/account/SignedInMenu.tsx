import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from '../../i18n/react.js';
import { NotificationBell } from '../notifications/NotificationBell.js';
import { LangLink, useLocalPath } from '../shared/LangLink.js';
import { useDismiss } from '../shared/useDismiss.js';
import { useMe } from './queries.js';
import { useSignOut } from './signInQueries.js';

/** The header's menu for a signed-in user: their account, the secretariat's pages, signing out. */
export function SignedInMenu({ name, pending }: { name: string; pending: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const localPath = useLocalPath();
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  // A new page closes the menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is the trigger, not an input
  useEffect(() => setOpen(false), [pathname]);

  useDismiss(open, close, root, button);

  async function handleSignOut() {
    await signOut.mutateAsync().catch(() => undefined);
    navigate(localPath('/sign-in?signedOut=1'));
  }

  // The bell comes with the menu, in its chunk: the anonymous home page carries none of its code.
  return (
    <>
      {!pending && <NotificationBell />}
      <div className="user-menu" ref={root}>
        <button
          ref={button}
          type="button"
          className="user-menu__button"
          aria-expanded={open}
          aria-controls={menuId}
          onClick={() => setOpen((value) => !value)}
        >
          <span className="visually-hidden">{t('account.menuFor')} </span>
          <span className="user-menu__name">{name}</span>
          <span className="user-menu__caret" aria-hidden="true">
            ▾
          </span>
        </button>
        <ul id={menuId} className="user-menu__list" hidden={!open}>
          {pending && (
            <li>
              <LangLink to="/two-factor">{t('twoFactor.finishSignIn')}</LangLink>
            </li>
          )}
          <li>
            <LangLink to="/workspace">{t('workspace.title')}</LangLink>
          </li>
          <li>
            <LangLink to="/notifications">{t('notifications.title')}</LangLink>
          </li>
          <li>
            <LangLink to="/account">{t('account.title')}</LangLink>
          </li>
          {me.data?.can.createMeetings && (
            <li>
              <LangLink to="/meetings/new">{t('meetings.newMeeting')}</LangLink>
            </li>
          )}
          {me.data?.can.readUsers && (
            <li>
              <LangLink to="/admin/users">{t('admin.users.title')}</LangLink>
            </li>
          )}
          {me.data?.can.managePartners && (
            <li>
              <LangLink to="/admin/partners">{t('admin.partners.title')}</LangLink>
            </li>
          )}
          {(me.data?.can.manageFollowUp || me.data?.can.reportFollowUp) && (
            <li>
              <LangLink to="/follow-up/reporting">{t('followUp.reporting.title')}</LangLink>
            </li>
          )}
          {me.data?.can.readBriefs && (
            <li>
              <LangLink to="/observatory/briefs">{t('observatory.briefs.title')}</LangLink>
            </li>
          )}
          {me.data?.can.readAudit && (
            <li>
              <LangLink to="/admin/audit">{t('admin.audit.title')}</LangLink>
            </li>
          )}
          <li>
            <button type="button" onClick={() => void handleSignOut()} disabled={signOut.isPending}>
              {t('account.signOut')}
            </button>
          </li>
        </ul>
      </div>
    </>
  );
}
