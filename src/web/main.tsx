import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/features.css';
import './styles/print.css';
import { type DehydratedState, hydrate, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, startTransition } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { type HydrationState, matchRoutes, RouterProvider } from 'react-router';
import { isLang } from '../domain/languages.js';
import { createQueryClient } from './app/queryClient.js';
import { createPortalRouter, prepareLanguage, routes } from './app/router.js';
import { RENDERED_STATE_ID, RenderedAt, type RenderedState, SiteOrigin } from './app/site.js';
import { i18n } from './i18n/index.js';
import { TranslatorProvider } from './i18n/react.js';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

/** The state the server rendered this page with, when it did (server/http/portal.ts). */
function renderedState(): RenderedState | null {
  const script = document.getElementById(RENDERED_STATE_ID);
  return script?.textContent ? (JSON.parse(script.textContent) as RenderedState) : null;
}

/** Before hydrating, the browser gets ready to render what the server did: the page's code (its
 * lazy route), its catalog, and the API answers the server rendered from. */
async function prepareHydration(state: RenderedState, queryClient: ReturnType<typeof createQueryClient>) {
  const { pathname } = window.location;
  const lang = pathname.split('/')[1];
  const lazy = (matchRoutes(routes, window.location) ?? []).filter((match) => match.route.lazy);
  await Promise.all([
    ...lazy.map(async ({ route }) => {
      const loaded = await (route.lazy as () => Promise<object>)();
      Object.assign(route, { ...loaded, lazy: undefined });
    }),
    isLang(lang) ? prepareLanguage(lang, pathname) : Promise.resolve(),
  ]);
  hydrate(queryClient, state.queries as DehydratedState);
}

/** A page the server rendered but handed no state for (its 404 page) is drawn afresh. The tags the
 * server put in <head> stay until React has hoisted its own, then go: never two titles, never none. */
function replaceServerHead() {
  const server = [
    ...document.head.querySelectorAll(
      'title, meta[name], meta[property], link[rel="canonical"], link[rel="alternate"]',
    ),
  ].filter((element) => !['viewport', 'theme-color'].includes(element.getAttribute('name') ?? ''));
  if (server.length === 0) return;
  const observer = new MutationObserver(() => {
    if (document.head.querySelectorAll('title').length < 2) return;
    for (const element of server) element.remove();
    observer.disconnect();
  });
  observer.observe(document.head, { childList: true });
}

async function start(container: HTMLElement) {
  const queryClient = createQueryClient();
  const state = renderedState();
  if (state) await prepareHydration(state, queryClient);
  const router = createPortalRouter((state?.router as HydrationState | undefined) ?? undefined);
  const app = (
    <StrictMode>
      <SiteOrigin.Provider value={state?.origin ?? window.location.origin}>
        <RenderedAt.Provider value={state?.renderedAt ?? null}>
          <TranslatorProvider translator={i18n}>
            <QueryClientProvider client={queryClient}>
              <RouterProvider router={router} />
            </QueryClientProvider>
          </TranslatorProvider>
        </RenderedAt.Provider>
      </SiteOrigin.Provider>
    </StrictMode>
  );
  // Hydration and the first render as transitions: React then yields to the browser every few
  // milliseconds instead of holding the main thread for the whole page (outside a transition the
  // root's first lane is a blocking one), so a slow phone stays responsive while the page comes to
  // life, as Remix's and Next.js's entries do it (docs/performance.md).
  if (state) {
    startTransition(() => {
      hydrateRoot(container, app);
    });
    return;
  }
  replaceServerHead();
  const fresh = createRoot(container);
  startTransition(() => fresh.render(app));
}

void start(root);
