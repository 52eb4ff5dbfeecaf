import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LANGS, type Lang } from '../../domain/languages.js';
import { PAGE_AUDIENCE, PORTAL_PATHS, type PortalPath } from '../../domain/portal-routes.js';
import { message } from '../i18n/messages.js';
import type { Actor, RequestContext } from '../policy/actor.js';
import { requestContext } from '../policy/guard.js';
import { negotiateLang, requestLang } from './lang.js';
import { loadPageRenderer, type PageRenderer } from './page-renderer.js';
import { sendProblem } from './problems.js';

/** The pages that show one record: their path names it (`:slug`, `:id`, `:token`). */
export type RecordPath = Extract<PortalPath, `${string}:${string}`>;

/**
 * Whether the record a page names is there for this reader, decided as the API decides it (a
 * draft meeting is there only for the secretariat). The page of a record that is not answers 404.
 */
export type RecordLookup = (key: string, ctx: RequestContext) => Promise<boolean>;

/** One lookup per record page: a new page with a parameter does not compile until it has one. */
export type RecordLookups = Record<RecordPath, RecordLookup>;

const portalPatterns = PORTAL_PATHS.map((p) => ({
  path: p,
  pattern: new RegExp(`^${p.replace(/:[a-zA-Z]+/g, '([^/]+)').replace(/\/$/, '')}/?$`),
}))
  // A page of its own (`/meetings/new`) before a record's (`/meetings/:slug`).
  .sort((a, b) => Number(a.path.includes(':')) - Number(b.path.includes(':')));

/** The portal page `rest` (the path after the language) is, and the record it names, if any. */
function portalPage(rest: string): { path: PortalPath; key: string | undefined } | null {
  for (const { path, pattern } of portalPatterns) {
    const match = pattern.exec(rest || '/');
    if (match) return { path, key: match[1] === undefined ? undefined : decodeURIComponent(match[1]) };
  }
  return null;
}

const isPortalPath = (rest: string) => portalPage(rest) !== null;

/**
 * Serves the portal. The language is the first path segment; `/` and paths without a language are
 * redirected to the reader's language (Accept-Language). A public page is rendered on the server
 * with its data, in its language, as the API shows it to this reader (http/page-renderer.ts); other
 * pages (signing in, accounts, the secretariat's forms) are the built page, rendered in the browser.
 * Unknown pages, and the pages of records unknown to the reader, get the portal's own page with
 * status 404; unknown API paths a problem document.
 */
export async function registerPortal(
  app: FastifyInstance,
  webRoot: string | null,
  records: {
    lookups: RecordLookups;
    identify: (request: FastifyRequest) => Promise<Actor>;
    /** The portal's public address: canonical and shared links name it. */
    publicUrl: string;
  },
) {
  /** 200 for a page, 404 for an unknown one or one whose record is not there for this reader. */
  async function statusOf(request: FastifyRequest, page: ReturnType<typeof portalPage>): Promise<200 | 404> {
    if (!page) return 404;
    if (page.key === undefined) return 200;
    return (await records.lookups[page.path as RecordPath](page.key, requestContext(request))) ? 200 : 404;
  }

  if (webRoot) {
    // Vite puts every built file but index.html (and the server's renderer, ssr/) under assets/,
    // with a content hash in its name, so they never change under one URL. They are looked up per
    // request (a rebuild is served without a restart) and only under /assets/, so no other path
    // ever reaches the file system.
    await app.register(fastifyStatic, {
      root: path.join(webRoot, 'assets'),
      prefix: '/assets/',
      index: false,
      wildcard: true,
      immutable: true,
      maxAge: '365d',
      // The build writes .br and .gz beside each file (vite.config.ts).
      preCompressed: true,
    });
  }

  app.get('/', { schema: { hide: true } }, async (request, reply) =>
    reply.redirect(`/${negotiateLang(request.headers['accept-language'])}/`, 302),
  );

  const renderer: PageRenderer | null = webRoot ? await loadPageRenderer(app, webRoot, records.publicUrl) : null;

  app.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    const url = new URL(request.url, 'http://portal');
    if (
      /^\/(api|assets)(\/|$)/.test(url.pathname) ||
      !renderer ||
      (request.method !== 'GET' && request.method !== 'HEAD')
    ) {
      const lang = requestLang(request);
      return sendProblem(reply, request, {
        type: '/api/docs#problem-not-found',
        title: message(lang, 'notFound.title'),
        status: 404,
        detail: message(lang, 'notFound.detail', { what: message(lang, 'entity.page'), key: url.pathname }),
      });
    }
    const lang = negotiateLang(request.headers['accept-language']);
    if (isPortalPath(url.pathname)) return reply.redirect(`/${lang}${url.pathname}${url.search}`, 302);
    // An address under no language: the 404 page in the language the reader's browser asks for.
    return reply
      .status(404)
      .header('cache-control', 'no-cache')
      .header('vary', 'Accept-Language')
      .type('text/html; charset=utf-8')
      .send(await renderer.page(request, lang, 404));
  });

  if (!renderer) return;
  const pages = renderer; // narrowed, for the handlers below

  /** A page under a language: rendered when public (or unknown: the 404 page), else the built page. */
  async function servePage(request: FastifyRequest, reply: FastifyReply, lang: Lang, rest: string) {
    const page = portalPage(rest);
    const status = await statusOf(request, page);
    const rendered = !page || PAGE_AUDIENCE[page.path] === 'public';
    const html = rendered ? await pages.page(request, lang, status) : pages.shell;
    return reply.status(status).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
  }

  for (const lang of LANGS) {
    const options = {
      schema: { hide: true },
      // A rendered page for the public is kept like an API read (http/reply-cache.ts), per URL and
      // language, until the content generation changes; a signed-in reader's is rendered each time.
      config: { cache: true as const },
      // After the guard, which takes every caller of a route without an action for the public:
      // the page is rendered as the API answers this reader, and cached only for the public.
      onRequest: async (request: FastifyRequest) => {
        request.actor = await records.identify(request);
        if (request.actor.kind !== 'public') request.replyCacheGeneration = null;
      },
    };
    const serve = (request: FastifyRequest, reply: FastifyReply) =>
      servePage(request, reply, lang, new URL(request.url, 'http://portal').pathname.slice(lang.length + 1));
    app.get(`/${lang}`, options, serve);
    app.get(`/${lang}/*`, options, serve);
  }
}
