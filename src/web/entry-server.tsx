import { AsyncLocalStorage } from 'node:async_hooks';
import { Writable } from 'node:stream';
import { dehydrate, QueryClient, type QueryClientConfig, QueryClientProvider, skipToken } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { renderToPipeableStream } from 'react-dom/server';
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router';
import { LANGS, type Lang } from '../domain/languages.js';
import { setApiTransport } from './api/client.js';
import { QUERY_DEFAULTS } from './app/queryClient.js';
import { portalRoutes } from './app/routes.js';
import { RenderedAt, type RenderedState, SiteOrigin } from './app/site.js';
import en from './i18n/en.json' with { type: 'json' };
import es from './i18n/es.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };
import { TranslatorProvider } from './i18n/react.js';
import type { Catalog } from './i18n/sections.js';
import { Translator } from './i18n/translator.js';

/**
 * The portal rendered on the server (docs/decisions/0005-server-rendering.md): the browser's route
 * tree and pages, rendered until every query they ask for has its answer, then handed to the
 * browser with those answers so it hydrates the same markup. Built by Vite into
 * dist/web/ssr/entry-server.js; server/http/portal.ts loads it and gives it an in-process API.
 */

/** An API read made as the reader, in-process: `url` is `/api/v1/…?lang=…`. */
export type ApiRead = (url: string) => Promise<{ status: number; contentType: string; body: string }>;

export interface RenderRequest {
  /** The page's path and query (`/es/meetings/mispa-v?tab=x`). */
  url: string;
  lang: Lang;
  /** The portal's public address, for canonical and shared links. */
  origin: string;
  api: ApiRead;
}

export interface RenderedPage {
  /** The metadata React hoisted (title, description, canonical, alternates, Open Graph). */
  head: string;
  /** The markup of #root. */
  body: string;
  state: RenderedState;
}

// Every read of a render goes through that render's reader; the pages' own queries call getJson,
// which knows nothing of the server.
const reader = new AsyncLocalStorage<ApiRead>();
setApiTransport(async (url) => {
  const read = reader.getStore();
  if (!read) throw new Error(`API read outside a server render: ${url}`);
  const { status, contentType, body } = await read(url);
  return new Response(status === 204 || status === 304 ? null : body, {
    status,
    headers: { 'content-type': contentType },
  });
});

// The loaders' only work in the browser is fetching catalogs; here every catalog is whole.
const routes = portalRoutes({ language: () => null, catalog: () => null });
const handler = createStaticHandler(routes);

const CATALOGS: Record<Lang, Catalog> = { en, es, fr, pt };
/** One translator per language, each holding its whole catalog and English as the fallback; they
 * are never switched, so concurrent renders share them. */
const translators = Object.fromEntries(
  LANGS.map((lang) => [lang, new Translator(lang, { en, [lang]: CATALOGS[lang] })]),
) as Record<Lang, Translator>;

const SERVER_QUERY_DEFAULTS = {
  // A failure is the page's answer (a 404 renders the portal's 404 page): not asked for again
  // within the render, and shown as it is rather than as a new fetch.
  queries: { ...QUERY_DEFAULTS.queries, retry: false, retryOnMount: false },
} satisfies QueryClientConfig['defaultOptions'];

type Wanted = Parameters<QueryClient['prefetchQuery']>[0];

/** A query client that notes every enabled query the rendered components ask for, so the render
 * can fetch those it has no answer for yet and render again. */
function renderQueryClient() {
  const client = new QueryClient({ defaultOptions: SERVER_QUERY_DEFAULTS });
  const wanted = new Map<string, Wanted>();
  const defaultOptions = client.defaultQueryOptions.bind(client);
  client.defaultQueryOptions = ((options: Parameters<typeof defaultOptions>[0]) => {
    const defaulted = defaultOptions(options);
    const { enabled, queryFn } = defaulted;
    if (enabled !== false && typeof enabled !== 'function' && queryFn && queryFn !== skipToken) {
      wanted.set(defaulted.queryHash, defaulted as Wanted);
    }
    return defaulted;
  }) as QueryClient['defaultQueryOptions'];
  /** The queries asked for that have neither an answer nor a failure yet. */
  const unanswered = () =>
    [...wanted.entries()]
      .filter(([hash]) => (client.getQueryCache().get(hash)?.state.status ?? 'pending') === 'pending')
      .map(([, options]) => options);
  return { client, unanswered };
}

/** React's mark of a Suspense boundary not rendered in place: pending (`$?`) or left to the client (`$!`). */
const SENT_APART = /<!--\$[?!]-->/;

/** Pages whose queries depend on others' answers (a meeting, then its tabs) take a few rounds. */
const MAX_ROUNDS = 5;

/** Renders `url`; null when it is no page of the portal's tree (a redirect). Throws on failure:
 * the caller serves the page unrendered. */
export async function render(request: RenderRequest): Promise<RenderedPage | null> {
  return reader.run(request.api, async () => {
    const context = await handler.query(new Request(new URL(request.url, request.origin)));
    if (context instanceof Response) return null;
    if (context.errors) throw new Error(`route error while rendering ${request.url}`);
    const router = createStaticRouter(handler.dataRoutes, context);
    const { client, unanswered } = renderQueryClient();
    const renderedAt = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
    const app = (
      <SiteOrigin.Provider value={request.origin}>
        <RenderedAt.Provider value={renderedAt}>
          <TranslatorProvider translator={translators[request.lang]}>
            <QueryClientProvider client={client}>
              <StaticRouterProvider router={router} context={context} hydrate={false} />
            </QueryClientProvider>
          </TranslatorProvider>
        </RenderedAt.Provider>
      </SiteOrigin.Provider>
    );
    let markup = await renderToString(app);
    for (let round = 1; round < MAX_ROUNDS; round++) {
      const waiting = unanswered();
      // A component that suspended (a lazy one, first shown once an answer came) is sent apart,
      // revealed by an inline script the CSP refuses; rendered again, it is ready and in place.
      if (waiting.length === 0 && !SENT_APART.test(markup)) break;
      await Promise.all(waiting.map((options) => client.prefetchQuery(options)));
      markup = await renderToString(app);
    }
    if (SENT_APART.test(markup))
      throw new Error(`part of ${request.url} was still waiting after ${MAX_ROUNDS} renders`);
    const { head, body } = splitHoisted(markup);
    return {
      head,
      body,
      state: {
        origin: request.origin,
        renderedAt,
        queries: dehydrate(client),
        router: { loaderData: context.loaderData, actionData: context.actionData, errors: context.errors },
      },
    };
  });
}

/** The whole tree once every piece is ready (onAllReady), as a string. */
function renderToString(app: ReactNode): Promise<string> {
  return new Promise((resolve, reject) => {
    let html = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        html += String(chunk);
        done();
      },
      final(done) {
        resolve(html);
        done();
      },
    });
    const stream = renderToPipeableStream(app, {
      // Everything is ready before a byte is written, so nothing is sent apart for its size: by
      // default React outlines a finished Suspense boundary once the markup before it passes 12,800
      // bytes, which left a long page's account menu for an inline script the CSP refuses.
      progressiveChunkSize: Number.POSITIVE_INFINITY,
      onAllReady: () => stream.pipe(sink),
      onShellError: reject,
      onError: (error) => {
        reject(error);
      },
    });
  });
}

/** React writes the elements it hoists (<title>, <meta>, <link>) ahead of a tree that is not a
 * whole document; they belong in <head>, the rest in #root. */
export function splitHoisted(markup: string): { head: string; body: string } {
  const hoisted = /^(?:<(?:title)[^>]*>[^<]*<\/title>|<(?:meta|link)\b[^>]*\/?>)*/.exec(markup)?.[0] ?? '';
  return { head: hoisted, body: markup.slice(hoisted.length) };
}
