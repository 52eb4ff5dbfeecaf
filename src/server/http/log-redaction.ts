import type { FastifyRequest, FastifyServerOptions } from 'fastify';

/**
 * Request URLs are logged, and some carry a secret that still works while the log is read: the
 * invitation and password-reset links (API and portal paths), and any query parameter named like a
 * credential. The log keeps where the request went, with the secret replaced.
 */

export const REDACTED = '[redacted]';

/** A path segment after one of these is a link's secret token. */
const SECRET_PATH = /\/(invitations?|password-reset)\/[^/?#]+/gi;
/** Query parameters whose value is a credential. */
const SECRET_PARAM = /([?&](?:[^=&#]*(?:token|secret|password|code|key)[^=&#]*)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PATH, `/$1/${REDACTED}`).replace(SECRET_PARAM, `$1${REDACTED}`);
}

/** Fastify's request line (method, url, host, address), with the URL redacted. */
function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** The app's logger options, with requests serialized without their secrets. */
export function redactingLogger(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const options = logger === true ? {} : logger;
  return { ...options, serializers: { ...options.serializers, req: serializeRequest } };
}
