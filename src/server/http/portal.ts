import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LANGS } from '../../contract/common.js';
import { PORTAL_PATHS } from '../../contract/portal-routes.js';
import { negotiateLang, requestLang } from './lang.js';
import { message } from './messages.js';
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
    await app.register(fastifyStatic, {
      root: webRoot,
      index: false,
      // Wildcard: files are looked up per request, so a rebuild is served without a restart; a missing
      // file falls through to the not-found handler below.
      wildcard: true,
      // Built assets carry a content hash in their names, so they never change under one URL.
      setHeaders: (reply, file) => {
        if (file.includes('/assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }

  app.get('/', { schema: { hide: true } }, async (request, reply) =>
    reply.redirect(`/${negotiateLang(request.headers['accept-language'])}/`, 302),
  );

  app.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    const url = new URL(request.url, 'http://portal');
    if (url.pathname.startsWith('/api') || !webRoot || (request.method !== 'GET' && request.method !== 'HEAD')) {
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
      return reply.status(404).header('cache-control', 'no-cache').sendFile('index.html');
    }
    const status = isPortalPath(match[2] ?? '/') ? 200 : 404;
    return reply.status(status).header('cache-control', 'no-cache').sendFile('index.html');
  });
}
