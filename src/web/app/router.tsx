import { createBrowserRouter, type HydrationState, type LoaderFunctionArgs } from 'react-router';
import { isLang, type Lang } from '../../domain/languages.js';
import { loadCatalog, switchLanguage } from '../i18n/index.js';
import { preferredLang } from '../i18n/languages.js';
import { portalRoutes } from './routes.js';

/** The page's language: the first path segment, or under an unknown segment the reader's own. */
function pageLang(params: LoaderFunctionArgs['params']): Lang {
  return isLang(params.lang) ? params.lang : preferredLang();
}

const isHomePath = (pathname: string) => /^\/[^/]*\/?$/.test(pathname);

/** Loads what the page at `pathname` shows first: the shell of its language's catalog for the home
 * page (the rest is fetched when the browser is idle, ready for the next page), the whole catalog
 * for any other; then switches the interface to it. Used by the language loader, and before the
 * server's HTML is hydrated, so both render with the same text. */
export async function prepareLanguage(lang: Lang, pathname: string): Promise<void> {
  const home = isHomePath(pathname);
  await switchLanguage(lang, home);
  document.documentElement.lang = lang;
  if (home) whenIdle(() => loadCatalog(lang).catch(() => undefined));
}

/** Sets the interface language from the first path segment before the page renders, so no page
 * ever shows one language's text under another's URL. */
async function languageLoader({ params, request }: LoaderFunctionArgs) {
  await prepareLanguage(pageLang(params), new URL(request.url).pathname);
  return null;
}

/** Every page but the home page waits for its language's whole catalog: coming from the home page,
 * the language loader above does not run again. */
async function catalogLoader({ params }: LoaderFunctionArgs) {
  await loadCatalog(pageLang(params));
  return null;
}

function whenIdle(work: () => void): void {
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(work, { timeout: 5_000 });
  else setTimeout(work, 1_000);
}

export const routes = portalRoutes({ language: languageLoader, catalog: catalogLoader });

/** The browser's router; `hydrationData` is the state the server rendered with, when it did. */
export const createPortalRouter = (hydrationData?: HydrationState) => createBrowserRouter(routes, { hydrationData });
