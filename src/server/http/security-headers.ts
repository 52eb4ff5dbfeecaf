import type { FastifyInstance } from 'fastify';

/** One year, the least the HSTS preload list accepts. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Strict-Transport-Security only on replies to HTTPS requests: browsers ignore it over plain HTTP
 * anyway (RFC 6797 §8.1), and a laptop install served on http://localhost must not be told to
 * insist on HTTPS. A request counts as HTTPS when the socket is TLS, or — only when the operator
 * says a reverse proxy sits in front (MISPA_TRUST_PROXY) — when the proxy's X-Forwarded-Proto
 * says so. Helmet's own HSTS is off because it cannot make that distinction.
 */
export function registerStrictTransportSecurity(app: FastifyInstance) {
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
  });
}
