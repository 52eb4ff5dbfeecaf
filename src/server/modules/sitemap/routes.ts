import type { FastifyInstance } from 'fastify';
import type { SitemapService } from './service.js';

/** Kept by the reply cache until the content generation changes; a shared cache or a crawler
 * revalidates each time (the ETag makes that a 304 while nothing changed). */
const CACHE_CONTROL = 'public, no-cache';

/** At the site's root, where search engines look; not part of the API (no action: every reader is
 * the public here, so the signed-in get the public copy too). */
export function sitemapRoutes(service: SitemapService) {
  return async (app: FastifyInstance) => {
    app.get('/sitemap.xml', { config: { cache: true }, schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('application/xml; charset=utf-8')
        .header('cache-control', CACHE_CONTROL)
        .send(await service.sitemap()),
    );
    app.get('/robots.txt', { config: { cache: true }, schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/plain; charset=utf-8').header('cache-control', CACHE_CONTROL).send(service.robots()),
    );
  };
}
