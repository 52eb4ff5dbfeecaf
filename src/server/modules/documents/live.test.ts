import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Amendment } from '../../../contract/negotiation.js';
import type { OutcomeDocument } from '../../../contract/outcome-documents.js';
import { buildApp } from '../../app.js';
import { openDatabase } from '../../db/connection.js';
import { expectProblem } from '../../testing/api.js';
import { type EventStream, openEventStream, type StreamEvent } from '../../testing/event-stream.js';
import { buildUser } from '../../testing/factories.js';
import { describeEachEngine } from '../../testing/harness.js';
import { callerOf, openSession } from '../../testing/sessions.js';
import { outcomeHelpers } from './testing.js';

/** A reader's heartbeat (and access check) comes this often here, so a lapsed session shows soon. */
const HEARTBEAT_MS = 400;
/**
 * How long a test waits for what a stream should bring. "Live" promises a change within a second,
 * and `npm run bench:live` measures that; here the suite shares a loaded machine with other files,
 * so a test waits for the event itself, long enough that only a change that never comes fails it.
 */
const WAIT_MS = 10_000;

const isChange = (action: string) => (event: StreamEvent) =>
  event.event === 'change' && (JSON.parse(event.data) as { action: string }).action === action;

/** `state` proposes to replace the document's first paragraph by `text`. */
async function proposeReplacing(
  h: ReturnType<typeof outcomeHelpers>,
  headers: Record<string, string>,
  doc: OutcomeDocument,
  state: string,
  text: string,
) {
  const res = await h.send('POST', `/documents/${doc.id}/amendments`, headers, {
    version: doc.version,
    state,
    kind: 'replace',
    nodeId: doc.body[0]?.id,
    text,
    rationale: 'Más preciso',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Amendment;
}

describeEachEngine(
  'outcome documents: live changes',
  (ctx) => {
    const h = outcomeHelpers(ctx);
    let base = '';
    const open: EventStream[] = [];
    beforeAll(async () => {
      await ctx.app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(ctx.app.server.address() as { port: number }).port}/api/v1`;
    });
    afterAll(() => {
      for (const stream of open) stream.close();
    });
    const subscribe = async (doc: OutcomeDocument, headers: Record<string, string>, extra = {}) => {
      const stream = await openEventStream(`${base}/documents/${doc.id}/events`, {
        cookie: headers.cookie ?? '',
        ...extra,
      });
      open.push(stream);
      return stream;
    };
    const propose = (headers: Record<string, string>, doc: OutcomeDocument, state: string, text: string) =>
      proposeReplacing(h, headers, doc, state, text);

    it('is refused as the document is: 404 to the public, to a state without a delegation and for no such document', async () => {
      const { doc } = await h.negotiated();
      expectProblem(await h.send('GET', `/documents/${doc.id}/events`), 404);
      expectProblem(await h.send('GET', `/documents/${doc.id}/events`, await h.as('focal-point', 'br')), 404);
      expectProblem(await h.send('GET', '/documents/no-such-document/events', await h.as('secretariat-staff')), 404);
      // The public gets no stream either when it asks as a browser would.
      const anonymous = await openEventStream(`${base}/documents/${doc.id}/events`);
      expect(anonymous.status).toBe(404);
      expect(anonymous.events).toEqual([]);
      expectProblem(
        await h.send('GET', `/documents/${doc.id}/events`, {
          ...(await h.as('secretariat-staff')),
          'last-event-id': 'yesterday',
        }),
        400,
        'last-event-id',
      );
    });

    it('brings each change to the other delegations and the chair within a second, uncompressed and unbuffered', async () => {
      const { doc, secretariat } = await h.negotiated({ states: ['ec', 'mx'] });
      const ecuador = await h.as('focal-point', 'ec');
      const mexico = await h.as('delegate', 'mx');
      const forMexico = await subscribe(doc, mexico, { 'accept-encoding': 'gzip, br' });
      const forChair = await subscribe(doc, secretariat);
      expect(forMexico.status).toBe(200);
      expect(forMexico.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(forMexico.headers.get('x-accel-buffering')).toBe('no');
      expect(forMexico.headers.get('content-encoding')).toBeNull();

      const amendment = await propose(ecuador, doc, 'ec', 'Cooperar más');
      await forMexico.next(isChange('outcome-documents.amend'), WAIT_MS);
      await forChair.next(isChange('outcome-documents.amend'), WAIT_MS);

      const forEcuador = await subscribe(doc, ecuador);
      const supported = await h.send('POST', `/documents/${doc.id}/amendments/${amendment.id}/positions`, mexico, {
        state: 'mx',
        stance: 'support',
      });
      expect(supported.statusCode, supported.body).toBe(200);
      await forEcuador.next(isChange('outcome-documents.position'), WAIT_MS);

      const current = (await h.send('GET', `/documents/${doc.id}`, secretariat)).json() as OutcomeDocument;
      await h.ok('POST', `/documents/${doc.id}/amendments/${amendment.id}/accept`, secretariat, {
        version: current.version,
      });
      for (const stream of [forMexico, forEcuador, forChair])
        await stream.next(isChange('outcome-documents.amendment-accept'), WAIT_MS);
      // Each event once, in the order of the changes, numbered as they were.
      const ids = forMexico.events.map((e) => Number(e.id));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(ids.length);
      // Another document's changes are not this stream's.
      const other = await h.negotiated();
      await propose(ecuador, other.doc, 'ec', 'Otro texto');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(forMexico.events.map((e) => JSON.parse(e.data).action)).toEqual([
        'outcome-documents.amend',
        'outcome-documents.position',
        'outcome-documents.amendment-accept',
      ]);
    });

    it('sends a reader who comes back with Last-Event-ID what they missed, in order', async () => {
      const { doc } = await h.negotiated({ states: ['ec', 'mx'] });
      const ecuador = await h.as('focal-point', 'ec');
      const mexico = await h.as('delegate', 'mx');
      const first = await subscribe(doc, mexico);
      const amendment = await propose(ecuador, doc, 'ec', 'Cooperar más');
      const seen = await first.next(isChange('outcome-documents.amend'), WAIT_MS);
      first.close();
      await propose(ecuador, doc, 'ec', 'Cooperar mucho más');
      await h.send('POST', `/documents/${doc.id}/amendments/${amendment.id}/positions`, mexico, {
        state: 'mx',
        stance: 'object',
        comment: 'No',
      });
      const again = await subscribe(doc, mexico, { 'last-event-id': seen.id ?? '' });
      await again.next(isChange('outcome-documents.position'), WAIT_MS);
      expect(again.events.map((e) => JSON.parse(e.data).action)).toEqual([
        'outcome-documents.amend',
        'outcome-documents.position',
      ]);
      expect(Number(again.events[0]?.id)).toBeGreaterThan(Number(seen.id));
    });

    it('ends when the reader signs out, and sends them nothing after', async () => {
      const { doc } = await h.negotiated({ states: ['ec', 'mx'] });
      const mexico = await h.as('delegate', 'mx');
      const stream = await subscribe(doc, mexico);
      const out = await h.send('POST', '/auth/sign-out', mexico);
      expect(out.statusCode, out.body).toBe(204);
      expect(await stream.ended(WAIT_MS)).toBe(true);
      expect(stream.events).toEqual([]);
    });

    it('ends when the reader’s access is withdrawn, before the next change reaches them', async () => {
      const { doc } = await h.negotiated({ states: ['ec', 'mx'] });
      const user = await buildUser(ctx.database.db, { role: 'focal-point', memberState: 'mx' });
      const mexico = (await openSession(ctx.database.db, user.id, { secondFactor: true })).headers;
      const admin = await callerOf(ctx, 'secretariat-admin');
      const stream = await subscribe(doc, mexico);
      const account = (await h.send('GET', `/users/${user.id}`, admin)).json() as { grants: Array<{ id: string }> };
      const revoked = await h.send('DELETE', `/users/${user.id}/grants/${account.grants[0]?.id}`, admin);
      expect(revoked.statusCode, revoked.body).toBe(204);
      await propose(await h.as('focal-point', 'ec'), doc, 'ec', 'Cooperar más');
      expect(await stream.ended(WAIT_MS)).toBe(true);
      expect(stream.events).toEqual([]);
    });

    it('ends at the next heartbeat when the session is found lapsed without any change', async () => {
      const { doc } = await h.negotiated({ states: ['ec'] });
      const user = await buildUser(ctx.database.db, { role: 'focal-point', memberState: 'ec' });
      const session = await openSession(ctx.database.db, user.id, { secondFactor: true });
      const stream = await subscribe(doc, session.headers);
      // A heartbeat first, the reader still allowed.
      await expect.poll(() => stream.comments, { timeout: 5000 }).toBeGreaterThan(0);
      expect(await stream.ended(0)).toBe(false);
      // Expired, as time would have it: no audit entry, nothing else to wake the stream.
      await ctx.database.db
        .updateTable('session')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', session.storedId)
        .execute();
      expect(await stream.ended(HEARTBEAT_MS * 3 + WAIT_MS)).toBe(true);
    });

    it('brings a change written through another process on the same database', async () => {
      const { doc } = await h.negotiated({ states: ['ec', 'mx'] });
      const other = await openDatabase(ctx.database.target);
      let processB: FastifyInstance | undefined;
      try {
        processB = await buildApp({ db: other.db, engine: ctx.engine, version: 'test', silenceProcedures: false });
        await processB.listen({ port: 0, host: '127.0.0.1' });
        const port = (processB.server.address() as { port: number }).port;
        const stream = await openEventStream(`http://127.0.0.1:${port}/api/v1/documents/${doc.id}/events`, {
          cookie: (await h.as('delegate', 'mx')).cookie ?? '',
        });
        open.push(stream);
        expect(stream.status).toBe(200);
        const ecuador = await h.as('focal-point', 'ec');
        await propose(ecuador, doc, 'ec', 'Cooperar más');
        // Within a second of the write's answer (the event may come before it).
        await stream.next(isChange('outcome-documents.amend'), WAIT_MS);
      } finally {
        await processB?.close();
        await other.close();
      }
    });
  },
  () => ({ live: { heartbeatMs: HEARTBEAT_MS }, silenceProcedures: false }),
);

describeEachEngine(
  'outcome documents: live changes end when the session expires',
  (ctx) => {
    const h = outcomeHelpers(ctx);
    let stream: EventStream | undefined;
    beforeAll(async () => {
      await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    });
    afterAll(() => stream?.close());

    it('ends at the session’s own expiry, with no heartbeat or change to wake it, after delivering until then', async () => {
      const { doc } = await h.negotiated({ states: ['ec', 'mx'] });
      const user = await buildUser(ctx.database.db, { role: 'delegate', memberState: 'mx' });
      const session = await openSession(ctx.database.db, user.id, { secondFactor: true });
      // A session about to reach its absolute expiry (its idle one is hours away).
      const expiresAt = Date.now() + 2000;
      await ctx.database.db
        .updateTable('session')
        .set({ expires_at: new Date(expiresAt).toISOString() })
        .where('id', '=', session.storedId)
        .execute();
      const { port } = ctx.app.server.address() as { port: number };
      stream = await openEventStream(`http://127.0.0.1:${port}/api/v1/documents/${doc.id}/events`, {
        cookie: session.cookie,
      });
      expect(stream.status).toBe(200);
      await proposeReplacing(h, await h.as('focal-point', 'ec'), doc, 'ec', 'Cooperar más');
      await stream.next(isChange('outcome-documents.amend'), WAIT_MS);
      expect(await stream.ended(0)).toBe(false);
      expect(await stream.ended(expiresAt - Date.now() + WAIT_MS)).toBe(true);
      // Ended by its expiry, not before it.
      expect(Date.now()).toBeGreaterThanOrEqual(expiresAt);
      expect(stream.comments).toBe(0);
    });
  },
  // No heartbeat within the test: only the expiry's own timer can end the stream.
  () => ({ live: { heartbeatMs: 600_000 }, silenceProcedures: false }),
);
