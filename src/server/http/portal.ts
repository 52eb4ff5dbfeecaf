import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LANGS } from '../../domain/languages.js';
import { PORTAL_PATHS } from '../../domain/portal-routes.js';
import { message } from '../i18n/messages.js';
import { negotiateLang, requestLang } from './lang.js';
import { sendProblem } from './problems.js';

const portalPatterns = PORTAL_PATHS.map(
  (p) => new RegExp(`^${p.replace(/:[a-zA-Z]+/g, '[^/]+').replace(/\/$/, '')}/?$`),
);
const isPortalPath = (rest: string) => portalPatterns.some((pattern) => pattern.test(rest || '/'));
const langPrefix = new RegExp(`^/(${LANGS.join('|')})(/.*)?$`);

/**
 * Serves the built single-page portal. The language is the first path segment; `/` and paths
 * without a language are redirected to the reader's language (Accept-Language). Unknown pages get
 * the portal's own 404 page with status 404, unknown API paths a problem document.
 */
export async function registerPortal(app: FastifyInstance, webRoot: string | null) {
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
    const status = isPortalPath(match[2] ?? '/') ? 200 : 404;
    return reply
      .status(status)
      .header('cache-control', 'no-cache')
      .sendFile('index.html', webRoot, { cacheControl: false });
  });
}
