import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ProblemError } from './problems.js';

/**
 * Cross-site request forgery protection by a strict origin check. A browser attaches cookies to
 * requests another site makes it send, but it also says where they come from: every browser sends
 * `Origin` on POST, PUT, PATCH and DELETE, and `Referer` unless told not to. So a request that
 * changes state and carries cookies must name this very site (scheme, host and port) in `Origin`,
 * or, when it has none, in `Referer`; without either it is refused too, since it cannot be told
 * apart from a forged one.
 *
 * Exempt: safe methods (they change nothing); requests with `Authorization: Bearer` (a browser
 * never adds that header by itself, and CORS is closed, so another site cannot make it), which
 * are authenticated by that token or refused with 401, never by a cookie they also carry
 * (auth/service.ts reads the same `bearerCredential`); and
 * requests without cookies and without either header (a machine client signing in has nothing to
 * forge with). A cookie-less request that does name another origin is refused as well, which stops
 * another site from signing a visitor in to an account of its choosing.
 */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin (scheme://host[:port]) of a URL, or null when it is none (`null`, garbage). */
export function originOf(url: string): string | null {
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** This request's own origin as the client addressed it: protocol and Host (X-Forwarded-* with trustProxy). */
export function ownOrigin(request: FastifyRequest): string | null {
  return request.host ? originOf(`${request.protocol}://${request.host}`) : null;
}

/**
 * What follows `Bearer` in the Authorization header ('' when nothing does), or null when the
 * request names no Bearer credential. A request with one is authenticated by it or not at all.
 */
export function bearerCredential(request: FastifyRequest): string | null {
  const match = /^Bearer(?:\s+(.*))?$/is.exec(request.headers.authorization ?? '');
  return match ? (match[1] ?? '').trim() : null;
}

export function isCrossSite(request: FastifyRequest): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  if (bearerCredential(request) !== null) return false;
  const claimed = request.headers.origin ?? request.headers.referer;
  if (claimed === undefined) return request.headers.cookie !== undefined;
  const own = ownOrigin(request);
  return own === null || originOf(claimed) !== own;
}

export function registerCsrfProtection(app: FastifyInstance) {
  app.addHook('onRequest', async (request) => {
    if (isCrossSite(request)) {
      throw new ProblemError(403, 'cross-site', 'crossSite', { expected: ownOrigin(request) ?? 'this site' });
    }
  });
}
