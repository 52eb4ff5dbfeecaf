import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LiveHeadersSchema } from '../../../contract/negotiation.js';
import { OutcomeDocumentParamsSchema } from '../../../contract/outcome-documents.js';
import { problemResponse } from '../../http/problems.js';
import type { Actor } from '../../policy/actor.js';
import { requestContext } from '../../policy/guard.js';
import type { AuditChange, AuditFeed } from '../audit/index.js';
import type { DocumentsReads } from './service.js';

/**
 * Live updates of a document (issue 13): a text/event-stream per reader, one event per audited
 * change of the document, from any process on the database (audit/feed.ts). A stream is for those
 * who may read the document, and for as long as they may: after any change that could withdraw
 * that (anything but the document's text and negotiation), and at each heartbeat, the reader is
 * identified again and the document looked up as they see it now before anything more is sent, so
 * a reader signed out, or whose access was withdrawn, gets no further event and their stream ends.
 * A session or token that lapses with time, which no change records, ends its streams at its own
 * expiry: each stream has a timer set to the moment its reader's credential lapses unless used
 * again, when the reader is identified once more (a session's idle expiry may have moved on).
 */

export interface LiveOptions {
  /** How often each stream gets a comment line, and its reader's access is checked again
   * (default 15 s: well under the 60 s proxies such as nginx wait for a silent upstream). */
  heartbeatMs?: number;
}

/** What each event's data says: the change, by its audit action (`outcome-documents.amend`…). */
export interface LiveEvent {
  action: string;
}

/** Bytes a reader may leave unread before its stream is dropped: it reconnects and catches up
 * from its Last-Event-ID rather than making the process hold an ever-growing buffer. */
const MAX_UNREAD = 1 << 20;

interface Stream {
  documentId: string;
  request: FastifyRequest;
  reply: FastifyReply;
  /** The newest change sent: nothing at or below it is sent again. */
  sent: number;
  /** What is being sent to it: each delivery waits for the one before, so events go out in order. */
  queue: Promise<void>;
  /** Whether its reader was found allowed since the last change that could withdraw it. */
  trusted: boolean;
  /** Fires when its reader's credential lapses (none for a reader without one). */
  expiry: NodeJS.Timeout | null;
  end(): void;
}

/**
 * Changes that touch a document's text and negotiation but not who may read it. After any other
 * change (a status change, a change of anything but a document: a sign-out, a session or role
 * withdrawn, a delegation…, or an action this list does not know) the readers are checked again
 * before the next event; after these alone, the check made at the last heartbeat stands.
 */
const CONTENT_ONLY = new Set([
  'outcome-documents.update',
  'outcome-documents.node-add',
  'outcome-documents.import',
  'outcome-documents.node-update',
  'outcome-documents.node-move',
  'outcome-documents.node-delete',
  'outcome-documents.translate',
  'outcome-documents.link',
  'outcome-documents.unlink',
  'outcome-documents.amend',
  'outcome-documents.position',
  'outcome-documents.amendment-accept',
  'outcome-documents.amendment-reject',
  'outcome-documents.amendment-merge',
  'outcome-documents.revision',
  'outcome-documents.bracket',
  'outcome-documents.bracket-resolve',
  'outcome-documents.agreement',
  'outcome-documents.footnote',
  'outcome-documents.object',
  'outcome-documents.objection-withdraw',
  'outcome-documents.silence-break',
]);

/** A credential as the reader sent it: streams of one reader are checked once per round. */
const credentialOf = (request: FastifyRequest) =>
  `${request.headers.authorization ?? ''}\n${request.headers.cookie ?? ''}\n${request.headers['accept-language'] ?? ''}`;

/** setTimeout's longest delay: a credential lapsing later is left to the heartbeat's checks. */
const MAX_DELAY = 2 ** 31 - 1;

const frame = (change: AuditChange) =>
  `id: ${change.seq}\nevent: change\ndata: ${JSON.stringify({ action: change.action } satisfies LiveEvent)}\n\n`;

export function documentsLive(
  reads: DocumentsReads,
  feed: AuditFeed,
  clock: () => Date,
  { heartbeatMs = 15_000 }: LiveOptions = {},
) {
  const streams = new Set<Stream>();
  let unsubscribe: Promise<() => void> | null = null;
  let heartbeat: NodeJS.Timeout | null = null;

  /** The reader of `request` when they may still read the document (null when not), asked as the
   * guard and the document's read ask: once per credential in a round. */
  function checker() {
    const asked = new Map<string, Promise<Actor | null>>();
    return (stream: Stream) => {
      const key = `${credentialOf(stream.request)}\n${stream.documentId}`;
      let answer = asked.get(key);
      if (!answer) {
        answer = stillReads(stream.request, stream.documentId);
        asked.set(key, answer);
      }
      return answer;
    };
  }

  async function stillReads(request: FastifyRequest, documentId: string): Promise<Actor | null> {
    try {
      const actor = await request.server.identify(request);
      await reads.visible({ ...requestContext(request), actor }, documentId);
      return actor;
    } catch {
      return null;
    }
  }

  /** Sets the stream's timer to the moment `actor`'s credential lapses: then the reader is checked
   * again (their session may have been used and moved on meanwhile) and the stream ends if they
   * may read no longer. */
  function expireWith(stream: Stream, actor: Actor) {
    if (stream.expiry) clearTimeout(stream.expiry);
    stream.expiry = null;
    const expiresAt = actor.kind === 'user' ? actor.credential.expiresAt : undefined;
    if (!expiresAt) return;
    const delay = Math.max(0, Date.parse(expiresAt) - clock().getTime());
    if (delay > MAX_DELAY) return;
    stream.expiry = setTimeout(
      () =>
        void enqueue(stream, async () => {
          const reader = await stillReads(stream.request, stream.documentId);
          if (reader) expireWith(stream, reader);
          else stream.end();
        }),
      delay,
    );
    stream.expiry.unref();
  }

  /** Queues `send` after what the stream is already being sent. */
  function enqueue(stream: Stream, send: () => Promise<void>) {
    stream.queue = stream.queue.then(send).catch(() => stream.end());
    return stream.queue;
  }

  /** Sends the stream `changes` of its document, once its reader is found still allowed. */
  async function send(stream: Stream, changes: AuditChange[], check: (stream: Stream) => Promise<Actor | null>) {
    if (!stream.trusted) {
      const reader = await check(stream);
      if (!reader) return stream.end();
      stream.trusted = true;
      expireWith(stream, reader);
    }
    for (const change of changes) {
      if (change.seq <= stream.sent) continue;
      stream.sent = change.seq;
      stream.reply.raw.write(frame(change));
    }
    if (stream.reply.raw.writableLength > MAX_UNREAD) stream.end();
  }

  /** Hands each stream the changes of its document. */
  async function deliver(changes: AuditChange[]) {
    const byDocument = new Map<string, AuditChange[]>();
    for (const change of changes) {
      if (change.entityType !== 'document') continue;
      byDocument.set(change.entityId, [...(byDocument.get(change.entityId) ?? []), change]);
    }
    // Any other change may be a sign-out, a session revoked, a role or a delegation withdrawn:
    // every reader is checked again now, not at the next heartbeat.
    const others = changes.some((c) => c.entityType !== 'document');
    const restricted = new Set(
      changes.filter((c) => c.entityType === 'document' && !CONTENT_ONLY.has(c.action)).map((c) => c.entityId),
    );
    for (const stream of streams) if (others || restricted.has(stream.documentId)) stream.trusted = false;
    const check = checker();
    await Promise.all(
      [...streams]
        .filter((stream) => others || byDocument.has(stream.documentId))
        .map((stream) => enqueue(stream, () => send(stream, byDocument.get(stream.documentId) ?? [], check))),
    );
  }

  async function beat() {
    const check = checker();
    await Promise.all(
      [...streams].map((stream) =>
        enqueue(stream, async () => {
          // The one check of a reader while only the text changes (its credential's expiry has a
          // timer of its own).
          const reader = await check(stream);
          stream.trusted = reader !== null;
          if (!reader) return stream.end();
          expireWith(stream, reader);
          stream.reply.raw.write(': heartbeat\n\n');
        }),
      ),
    );
  }

  function ensureRunning() {
    unsubscribe ??= feed.subscribe((changes) => void deliver(changes));
    if (!heartbeat) {
      heartbeat = setInterval(() => void beat(), heartbeatMs);
      heartbeat.unref();
    }
    return unsubscribe;
  }

  function idle() {
    if (streams.size > 0) return;
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
    const closing = unsubscribe;
    unsubscribe = null;
    void closing?.then((off) => off());
  }

  return {
    /**
     * Turns the reply into the document's event stream (the caller has found the document visible
     * to the reader). With a Last-Event-ID, the changes since that one are sent first.
     */
    async open(request: FastifyRequest, reply: FastifyReply, documentId: string, lastEventId: number | null) {
      // Taken over from Fastify: no serializer, no compression (it would hold events back until
      // its buffer fills), no reply cache; the headers the hooks set so far are kept.
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        ...(reply.getHeaders() as OutgoingHttpHeaders),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        // nginx passes the stream on as it comes instead of buffering the reply.
        'x-accel-buffering': 'no',
      });
      let ended = false;
      const stream: Stream = {
        documentId,
        request,
        reply,
        sent: lastEventId ?? 0,
        queue: Promise.resolve(),
        // The route has just found the document visible to its reader.
        trusted: true,
        expiry: null,
        end() {
          if (ended) return;
          ended = true;
          if (stream.expiry) clearTimeout(stream.expiry);
          streams.delete(stream);
          raw.end();
          idle();
        },
      };
      request.raw.socket.setKeepAlive(true);
      raw.on('close', () => stream.end());
      // The browser's EventSource waits this long before it reconnects after the stream ends.
      raw.write('retry: 2000\n\n');
      await ensureRunning();
      if (ended) return;
      streams.add(stream);
      expireWith(stream, requestContext(request).actor);
      // First in its queue, so a change the feed brings meanwhile goes out after these, or not
      // again: a new reader gets the changes from now on (what it read before the stream opened it
      // reads again when it opens); one coming back, those after the last it got.
      await enqueue(stream, async () => {
        if (lastEventId === null) stream.sent = await feed.newest();
        else await send(stream, await feed.since('document', documentId, lastEventId), checker());
      });
    },
    /** Ends every stream (the app is closing: the server would wait for them otherwise). */
    close() {
      for (const stream of [...streams]) stream.end();
    },
    /** How many streams are open (the benchmark reports it). */
    size: () => streams.size,
  };
}

export type DocumentsLive = ReturnType<typeof documentsLive>;

/** GET /documents/{id}/events: the stream, to whoever may read the document (404 to anyone else). */
export function documentsLiveRoutes(reads: DocumentsReads, live: DocumentsLive) {
  return async (app: FastifyInstance) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/documents/:idOrSlug/events',
      {
        config: { action: 'reference.read' },
        schema: {
          tags: ['documents'],
          summary:
            'Live changes of the document as server-sent events (text/event-stream): one `change` event per change, its id the change’s number (send it back as Last-Event-ID to get what was missed), a comment line every 15 s; the stream ends when the reader may no longer read the document, at the latest when their session or token expires',
          params: OutcomeDocumentParamsSchema,
          headers: LiveHeadersSchema,
          response: {
            200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: z.string() } } },
            400: problemResponse('Malformed'),
            404: problemResponse('No such document (one not adopted is hidden from all but its negotiators)'),
          },
        },
      },
      async (request, reply) => {
        const row = await reads.visible(requestContext(request), request.params.idOrSlug);
        await live.open(request, reply, row.id, request.headers['last-event-id'] ?? null);
      },
    );
  };
}
