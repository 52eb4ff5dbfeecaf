import type { FastifyInstance, FastifyRequest } from 'fastify';
import { IMPORT_MAX_BYTES } from '../../domain/imports.js';
import { reason } from '../../domain/reasons.js';
import { InvalidParameterError, ProblemError } from './problems.js';

const importTooLarge = (maxBytes: number) =>
  new ProblemError(413, 'file-too-large', 'files.tooLarge', {
    name: 'body',
    max: `${maxBytes / (1024 * 1024)} MB`,
  });

/** An import file's bytes, read up to `maxBytes` (the platform's JSON limit is far smaller). */
async function importBody(request: FastifyRequest, payload: AsyncIterable<Buffer>, maxBytes: number): Promise<Buffer> {
  if (Number(request.headers['content-length'] ?? 0) > maxBytes) throw importTooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    size += chunk.length;
    // Refused as the bytes arrive, so a chunked upload without a length is stopped at the limit too.
    if (size > maxBytes) throw importTooLarge(maxBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Lets a plugin's routes take a file of these media types as their body (an import), read whole
 * up to `maxBytes` (IMPORT_MAX_BYTES unless told) and refused with 413 beyond. Registered inside
 * the plugin, so only its routes take them.
 */
export function acceptImportFiles(
  app: FastifyInstance,
  mediaTypes: readonly string[],
  maxBytes: number = IMPORT_MAX_BYTES,
): void {
  app.addContentTypeParser([...mediaTypes], (request: FastifyRequest, payload: AsyncIterable<Buffer>) =>
    importBody(request, payload, maxBytes),
  );
}

/** The import file a route received: a 400 naming the body when there is none. */
export function importFile(body: unknown): Buffer {
  if (!Buffer.isBuffer(body)) throw new InvalidParameterError('body', 'body', reason('reason.required'));
  return body;
}
