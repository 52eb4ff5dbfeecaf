import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LANGS } from '../../domain/languages.js';
import { PORTAL_PATHS, type PortalPath } from '../../domain/portal-routes.js';
import { message } from '../i18n/messages.js';
import type { Actor, RequestContext } from '../policy/actor.js';
import { requestContext } from '../policy/guard.js';
import { negotiateLang, requestLang } from './lang.js';
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
const langPrefix = new RegExp(`^/(${LANGS.join('|')})(/.*)?$`);

/**
 * Serves the built single-page portal. The language is the first path segment; `/` and paths
 * without a language are redirected to the reader's language (Accept-Language). Unknown pages, and
 * the pages of records unknown to the reader, get the portal's own page with status 404; unknown API
 * paths a problem document.
 */
export async function registerPortal(
  app: FastifyInstance,
  webRoot: string | null,
  records: { lookups: RecordLookups; identify: (request: FastifyRequest) => Promise<Actor> },
) {
  /** 200 for a page, 404 for an unknown one or one whose record is not there for this reader. */
  async function statusOf(request: FastifyRequest, rest: string): Promise<200 | 404> {
    const page = portalPage(rest);
    if (!page) return 404;
    if (page.key === undefined) return 200;
    // The reply now depends on who asks (http/cache-control.ts makes it private for the signed-in).
    request.actor = await records.identify(request);
    return (await records.lookups[page.path as RecordPath](page.key, requestContext(request))) ? 200 : 404;
  }

  if (webRoot) {
    // Vite puts every built file but index.html under assets/, with a content hash in its name, so
    // they never change under one URL. They are looked up per request (a rebuild is served without a
    // restart) and only under /assets/, so no other path ever reaches the file system.
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

  app.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    const url = new URL(request.url, 'http://portal');
    if (
      /^\/(api|assets)(\/|$)/.test(url.pathname) ||
      !webRoot ||
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
    const match = langPrefix.exec(url.pathname);
    if (!match) {
      const lang = negotiateLang(request.headers['accept-language']);
      if (isPortalPath(url.pathname)) return reply.redirect(`/${lang}${url.pathname}${url.search}`, 302);
      return reply
        .status(404)
        .header('cache-control', 'no-cache')
        .sendFile('index.html', webRoot, { cacheControl: false });
    }
    const status = await statusOf(request, match[2] ?? '/');
    return reply
      .status(status)
      .header('cache-control', 'no-cache')
      .sendFile('index.html', webRoot, { cacheControl: false });
  });
}
