import { createContext, useContext, useSyncExternalStore } from 'react';

/** Where the portal is published (`https://mispa.example.org`): canonical and shared links name
 * it. The server renders with its configured public address and hands it to the browser with the
 * page, so both render the same links. */
export const SiteOrigin = createContext('');

export const useSiteOrigin = () => useContext(SiteOrigin);

/** When the server rendered the page (to the minute); null in a page the browser drew alone. */
export const RenderedAt = createContext<string | null>(null);

/** The current minute, one value per minute so that repeated reads within a render agree. */
let current = { minute: 0, iso: '' };
function thisMinute(): string {
  const minute = Math.floor(Date.now() / 60_000) * 60_000;
  if (current.minute !== minute) current = { minute, iso: new Date(minute).toISOString() };
  return current.iso;
}

/** The render's "now" for what depends on the clock (upcoming or past, a deadline gone by): the
 * server's rendering time while the browser hydrates its page, so both draw the same, then the
 * browser's own clock. A cached page rendered hours ago is thus corrected once it runs. */
export function useNow(): string {
  const renderedAt = useContext(RenderedAt);
  return useSyncExternalStore(
    () => () => undefined,
    thisMinute,
    () => renderedAt ?? thisMinute(),
  );
}

/** What the server hands the browser with a rendered page (a JSON script, `#ssr-state`). */
export interface RenderedState {
  /** The public address the page was rendered for. */
  origin: string;
  /** When it was rendered (RenderedAt). */
  renderedAt: string;
  /** TanStack Query's dehydrated cache: every API answer the page was rendered from. */
  queries: unknown;
  /** React Router's state after the server ran the loaders (loader data, errors). */
  router: unknown;
}

export const RENDERED_STATE_ID = 'ssr-state';
