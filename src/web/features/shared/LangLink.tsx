import type { ComponentProps } from 'react';
import { Link, NavLink } from 'react-router';
import { useLang } from './useLang.js';

/** A portal path ('/meetings/mispa-i') under the current language ('/es/meetings/mispa-i'). */
export function useLocalPath(): (path: string) => string {
  const lang = useLang();
  return (path) => `/${lang}${path}`;
}

type LangLinkProps = Omit<ComponentProps<typeof Link>, 'to'> & { to: string };

export function LangLink({ to, ...props }: LangLinkProps) {
  const localPath = useLocalPath();
  return <Link to={localPath(to)} {...props} />;
}

type LangNavLinkProps = Omit<ComponentProps<typeof NavLink>, 'to'> & { to: string };

export function LangNavLink({ to, ...props }: LangNavLinkProps) {
  const localPath = useLocalPath();
  return <NavLink to={localPath(to)} {...props} />;
}
