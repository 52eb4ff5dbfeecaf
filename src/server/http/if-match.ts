import type { FastifyRequest } from 'fastify';
import { reason } from '../../domain/reasons.js';
import { InvalidParameterError } from './problems.js';

/** A version as If-Match names it: `"3"`, the weak `W/"3"`, or a bare `3`. */
const VERSION_TAG = /^\s*(?:W\/)?"?([1-9]\d{0,8})"?\s*$/;

/** The version `tag` names (an If-Match value, or a form field standing for one); undefined when
 * it names none. */
export function versionTag(tag: string | undefined): number | undefined {
  const match = tag === undefined ? null : VERSION_TAG.exec(tag);
  return match ? Number(match[1]) : undefined;
}

/** The version the request's If-Match header names; undefined without the header, and a 400 on
 * `version` when the header names no version. */
export function ifMatch(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const version = versionTag(String(header));
  if (version === undefined) throw new InvalidParameterError('version', 'body', reason('reason.ifMatch'));
  return version;
}
