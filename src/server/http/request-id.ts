import type { IncomingMessage } from 'node:http';
import { v7 as uuidv7 } from 'uuid';

/**
 * The id of a request, kept in every log line and audit entry. A proxy's `x-request-id` is kept
 * so one id follows the request through both, but only when it is 1–128 characters of letters,
 * digits and `._:-`: anything else (a line break, markup, a megabyte) is the client's text, not an
 * id, and gets a fresh UUID v7 instead.
 */
export const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(request: Pick<IncomingMessage, 'headers'>): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && ACCEPTABLE.test(given) ? given : uuidv7();
}
