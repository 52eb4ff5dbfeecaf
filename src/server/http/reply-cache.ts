import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { negotiate } from '@fastify/accept-negotiator';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ContentGeneration } from '../db/content-generation.js';
import { requestLang } from './lang.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The reply to a GET depends only on who asks, the URL, the language and the database (not
     * on the clock), so it may be kept and sent again until something changes (registerReplyCache);
     * 'per-accept' when it also follows the Accept header (JSON or CSV of the same URL). */
    cache?: true | 'per-accept';
  }
  interface FastifyRequest {
    /** The content generation, being read while the caller is identified. */
    replyCacheGeneration: Promise<string> | null;
    /** Where this request's reply is to be kept, and the generation it was read under. */
    replyCacheSlot: { key: string; generation: string } | null;
  }
}

interface CachedReply {
  body: string;
  contentType: string;
  etag: string | undefined;
  cacheControl: string | undefined;
  vary: string | undefined;
  /** The attribution some reads carry (observatory values). */
  link: string | undefined;
  /** The body compressed, made the first time a reader asks for that encoding. */
  encoded: Partial<Record<Encoding, Buffer>>;
}

type Encoding = 'br' | 'gzip';
const ENCODINGS: Encoding[] = ['br', 'gzip'];
const COMPRESS: Record<Encoding, (body: string) => Buffer> = {
  // Once per kept reply, so the better ratio is worth it; quality 11 would cost tens of milliseconds.
  br: (body) => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 6 } }),
  gzip: (body) => gzipSync(body, { level: 6 }),
};

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Keeps the serialised replies of reads (routes with `config.cache: true`) and sends them again
 * with their ETag while the content generation is unchanged: the service, the queries and the
 * serialiser run once per reader, URL and language between two writes. The caller is still
 * identified and checked first (the guard's hook runs before this one). Any successful write
 * request changes the generation before its reply leaves, so the writer and everyone after them
 * read fresh data; writes made outside a request change it with their audit entry
 * (audit/chain.ts). Kept replies are bounded by `maxBytes`.
 */
export function registerReplyCache(
  app: FastifyInstance,
  generation: ContentGeneration,
  { maxBytes = 16 * 1024 * 1024 }: { maxBytes?: number } = {},
) {
  let kept = new Map<string, CachedReply>();
  let keptFor = '';
  let keptBytes = 0;

  app.decorateRequest('replyCacheGeneration', null);
  app.decorateRequest('replyCacheSlot', null);
  // Registered before the guard: the generation is read while the guard identifies the caller (on
  // PostgreSQL, one round trip in parallel instead of one more after).
  app.addHook('onRequest', async (request) => {
    if (request.method !== 'GET' || !request.routeOptions.config.cache) return;
    const read = generation.current();
    // A caller the guard refuses never awaits it.
    read.catch(() => undefined);
    request.replyCacheGeneration = read;
  });
  // After every onRequest hook, so after the guard, which identified the caller.
  app.addHook('preValidation', async (request, reply) => {
    if (!request.replyCacheGeneration) return;
    const token = await request.replyCacheGeneration;
    if (token !== keptFor) {
      kept = new Map();
      keptFor = token;
      keptBytes = 0;
    }
    // The public share one copy; a signed-in reader has their own, per session or API token (what
    // they see follows their grants, and any change to those is a write).
    const { actor } = request;
    const reader = actor.kind === 'public' ? 'public' : `${actor.credential.type}:${actor.credential.id}`;
    const accept = request.routeOptions.config.cache === 'per-accept' ? (request.headers.accept ?? '') : '';
    const key = `${reader} ${requestLang(request)} ${request.url} ${accept}`;
    const hit = kept.get(key);
    if (!hit) {
      request.replyCacheSlot = { key, generation: token };
      return;
    }
    send(request, reply, hit);
    return reply;
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload) => {
    if (!READS.has(request.method)) {
      if (reply.statusCode < 400) await generation.change();
      return payload;
    }
    // Undefined, not null, on requests of plugins registered before this one (the API docs).
    const slot = request.replyCacheSlot;
    if (!slot || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    // Built from what the database held under an older generation: a write came in between, and
    // the reply may not show it.
    if (slot.generation !== keptFor) return payload;
    if (keptBytes + payload.length > maxBytes) {
      kept = new Map();
      keptBytes = 0;
    }
    kept.set(slot.key, {
      body: payload,
      contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
      etag: reply.getHeader('etag') as string | undefined,
      cacheControl: reply.getHeader('cache-control') as string | undefined,
      vary: reply.getHeader('vary') as string | undefined,
      link: reply.getHeader('link') as string | undefined,
      encoded: {},
    });
    keptBytes += payload.length;
    return payload;
  });

  /** A kept reply, compressed as the reader accepts (the compression plugin leaves an encoded body alone). */
  function send(request: FastifyRequest, reply: FastifyReply, hit: CachedReply) {
    reply.header('content-type', hit.contentType);
    if (hit.etag) reply.header('etag', hit.etag);
    if (hit.cacheControl) reply.header('cache-control', hit.cacheControl);
    if (hit.vary) reply.header('vary', hit.vary);
    if (hit.link) reply.header('link', hit.link);
    const accepted = request.headers['accept-encoding'];
    const encoding = accepted && hit.body.length >= 1024 ? (negotiate(accepted, ENCODINGS) as Encoding | null) : null;
    if (!encoding) return reply.send(hit.body);
    let body = hit.encoded[encoding];
    if (!body) {
      body = COMPRESS[encoding](hit.body);
      hit.encoded[encoding] = body;
      keptBytes += body.length;
    }
    reply
      .header('content-encoding', encoding)
      .header('vary', hit.vary ? `${hit.vary}, Accept-Encoding` : 'Accept-Encoding');
    return reply.send(body);
  }
}
