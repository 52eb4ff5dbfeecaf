import { expect, it } from 'vitest';
import { SilenceBreakSchema, SilenceOpenSchema } from '../../../contract/negotiation.js';
import type { OutcomeDocument } from '../../../contract/outcome-documents.js';
import { buildApp } from '../../app.js';
import { expectProblem, nastyValues } from '../../testing/api.js';
import { expectMalformedBodiesRefused } from '../../testing/bad-input.js';
import { describeEachEngine, webRoot } from '../../testing/harness.js';
import { closeDueSilences } from './silence.js';
import { outcomeHelpers } from './testing.js';

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

describeEachEngine('outcome documents: the silence procedure', (ctx) => {
  const h = outcomeHelpers(ctx);

  /** A text under negotiation at a meeting where Ecuador and Mexico have delegations. */
  async function setting() {
    const { secretariat, doc } = await h.negotiated({ states: ['ec', 'mx'] });
    return {
      secretariat,
      doc,
      url: `/documents/${doc.id}`,
      ecuador: await h.as('focal-point', 'ec'),
      mexico: await h.as('delegate', 'mx'),
    };
  }

  const open = (url: string, headers: Record<string, string>, doc: OutcomeDocument, deadline = inDays(7)) =>
    h.send('POST', `${url}/silence`, headers, { version: doc.version, deadline });

  it('is opened by the chair only, when nothing blocks adoption, with a deadline in the future', async () => {
    const { secretariat, doc, url, ecuador } = await setting();
    const before = await h.snapshot();
    expectProblem(await open(url, ecuador, doc), 403);
    expectProblem(await open(url, secretariat, doc, inDays(-1)), 400, 'deadline');
    expectProblem(await open(url, {}, doc), 401);
    // A standing objection blocks adoption: the chair cannot open silence over it.
    const objected = await h.send('POST', `${url}/objections`, ecuador, { state: 'ec', comment: 'No' });
    expect(objected.statusCode, objected.body).toBe(201);
    const blocked = expectProblem(await open(url, secretariat, doc), 409);
    expect(blocked.detail).toContain('1');
    const withdrawn = await h.send(
      'POST',
      `${url}/objections/${objected.json().standingObjections[0].id}/withdraw`,
      ecuador,
      {
        state: 'ec',
      },
    );
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect((await h.snapshot()).documents).toEqual(before.documents);

    const deadline = inDays(7);
    const opened = await h.ok('POST', `${url}/silence`, secretariat, { version: doc.version, deadline });
    expect(opened.silence).toEqual({ deadline, status: 'running', brokenBy: null });
    expect(opened.status).toBe('under-negotiation');
    expectProblem(await open(url, secretariat, opened), 409);
    // The text under silence holds: the chair's drafting writes are refused until it ends.
    const paragraph = opened.body[0]?.id as string;
    expectProblem(
      await h.send('PATCH', `${url}/nodes/${paragraph}`, secretariat, { version: opened.version, text: 'Otro texto' }),
      409,
    );
    // The delegations read it too; the public sees nothing of the document.
    expect((await h.send('GET', url, ecuador)).json().silence.status).toBe('running');
    expectProblem(await h.send('GET', url), 404);
    expect((await h.auditActions(doc.id)).at(-1)).toBe('outcome-documents.silence-open');
  });

  it('is broken by a state for itself only, with its reason kept as a standing objection', async () => {
    const { secretariat, doc, url, ecuador, mexico } = await setting();
    const opened = await h.ok('POST', `${url}/silence`, secretariat, { version: doc.version, deadline: inDays(3) });
    const before = await h.snapshot();
    // A state cannot break silence for another; a state with no delegation there does not see the text.
    expectProblem(await h.send('POST', `${url}/silence/break`, ecuador, { state: 'mx', reason: 'No' }), 403);
    expectProblem(
      await h.send('POST', `${url}/silence/break`, await h.as('focal-point', 'ar'), { state: 'ar', reason: 'No' }),
      404,
    );
    expectProblem(await h.send('POST', `${url}/silence/break`, secretariat, { state: 'ec', reason: 'No' }), 403);
    expectProblem(await h.send('POST', `${url}/silence/break`, {}, { state: 'ec', reason: 'No' }), 401);
    expect(await h.snapshot()).toEqual(before);

    const broken = await h.ok('POST', `${url}/silence/break`, mexico, { state: 'mx', reason: 'Falta consultar' });
    expect(broken.silence?.status).toBe('broken');
    expect(broken.silence?.brokenBy?.state.slug).toBe('mx');
    expect(broken.silence?.brokenBy?.reason).toBe('Falta consultar');
    expect(broken.version).toBe(opened.version + 1);
    const blockers = (await h.send('GET', `${url}/blockers`, ecuador)).json();
    expect(blockers.standingObjections.map((o: { state: { slug: string } }) => o.state.slug)).toEqual(['mx']);
    expect(blockers.adoptable).toBe(false);
    expect((await h.auditActions(doc.id)).at(-1)).toBe('outcome-documents.silence-break');
    // Once broken, it is over: silence cannot be broken again, nor cancelled, and its deadline adopts nothing.
    expectProblem(await h.send('POST', `${url}/silence/break`, ecuador, { state: 'ec', reason: 'Yo también' }), 409);
    expectProblem(await h.send('POST', `${url}/silence/cancel`, secretariat, { version: broken.version }), 409);
    expect(await closeDueSilences({ db: h.db(), clock: () => new Date(Date.now() + 4 * DAY) })).toBe(0);
    expect((await h.send('GET', url, secretariat)).json().status).toBe('under-negotiation');
  });

  it('is cancelled by the chair only, and then adopts nothing', async () => {
    const { secretariat, doc, url, ecuador } = await setting();
    const opened = await h.ok('POST', `${url}/silence`, secretariat, { version: doc.version, deadline: inDays(2) });
    expectProblem(await h.send('POST', `${url}/silence/cancel`, ecuador, { version: opened.version }), 403);
    const cancelled = await h.ok('POST', `${url}/silence/cancel`, secretariat, { version: opened.version });
    expect(cancelled.silence?.status).toBe('cancelled');
    expect(await closeDueSilences({ db: h.db(), clock: () => new Date(Date.now() + 3 * DAY) })).toBe(0);
    expect((await h.send('GET', url, secretariat)).json().status).toBe('under-negotiation');
    expectProblem(await h.send('POST', `${url}/silence/break`, ecuador, { state: 'ec', reason: 'Tarde' }), 409);
  });

  it('adopts the text at its deadline once, as the chair adopts it, also after a restart', async () => {
    const { secretariat, doc, url } = await setting();
    const opened = await h.ok('POST', `${url}/silence`, secretariat, { version: doc.version, deadline: inDays(1) });
    // Not yet due.
    expect(await closeDueSilences({ db: h.db(), clock: () => new Date() })).toBe(0);

    // A fresh app on the same database, its clock past the deadline: the state it needs is in the database.
    const later = new Date(Date.now() + 2 * DAY);
    const restarted = await buildApp({
      db: h.db(),
      engine: ctx.engine,
      version: 'test',
      webRoot,
      clock: () => later,
      silenceProcedures: false,
    });
    try {
      const deps = { db: h.db(), clock: () => later };
      expect(await closeDueSilences(deps)).toBe(1);
      expect(await closeDueSilences(deps)).toBe(0);
      const read = await restarted.inject({ method: 'GET', url: `/api/v1${url}` });
      expect(read.statusCode, read.body).toBe(200);
      const adopted = read.json() as OutcomeDocument;
      expect(adopted.status).toBe('adopted');
      expect(adopted.adoptedOn).toBe(later.toISOString().slice(0, 10));
      expect(adopted.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(adopted.silence?.status).toBe('adopted');
      expect(adopted.version).toBe(opened.version + 1);
      const entries = await h
        .db()
        .selectFrom('audit_entry')
        .select(['action', 'actor_user_id', 'request_id', 'diff'])
        .where('entity_id', '=', doc.id)
        .where('action', '=', 'outcome-documents.status')
        .execute();
      const adoptions = entries.filter((e) => e.diff.includes('"status":"adopted"'));
      expect(adoptions).toHaveLength(1);
      expect(adoptions[0]?.actor_user_id).toBeNull();
      expect(adoptions[0]?.request_id).toBe('silence-procedures');
    } finally {
      await restarted.close();
    }
  });

  it('lapses, adopting nothing, when something came to block adoption before the deadline', async () => {
    const { secretariat, doc, url, ecuador } = await setting();
    const opened = await h.ok('POST', `${url}/silence`, secretariat, { version: doc.version, deadline: inDays(1) });
    const proposed = await h.send('POST', `${url}/amendments`, ecuador, {
      version: opened.version,
      state: 'ec',
      kind: 'replace',
      nodeId: doc.body[0]?.id,
      text: 'Cooperar más',
      rationale: 'Más ambicioso',
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    expect(await closeDueSilences({ db: h.db(), clock: () => new Date(Date.now() + 2 * DAY) })).toBe(0);
    const read = (await h.send('GET', url, secretariat)).json() as OutcomeDocument;
    expect([read.status, read.silence?.status]).toEqual(['under-negotiation', 'lapsed']);
    expect((await h.auditActions(doc.id)).at(-1)).toBe('outcome-documents.silence-lapse');
  });

  it('answers every malformed body of its writes with a 4xx problem document, writing nothing', async () => {
    const { secretariat, doc, url, ecuador } = await setting();
    await h.ok('POST', `${url}/silence`, secretariat, { version: doc.version, deadline: inDays(5) });
    const values = [
      'ec',
      'mx',
      'zz',
      'EC',
      '2020-01-01T00:00:00Z',
      '2099-01-01',
      'tomorrow',
      0,
      1,
      -1,
      1.5,
      true,
      null,
    ];
    let sent = 0;
    for (const [path, headers, schema, fields] of [
      ['silence', secretariat, SilenceOpenSchema, ['version', 'deadline']],
      ['silence/break', ecuador, SilenceBreakSchema, ['state', 'reason']],
    ] as const) {
      sent += await expectMalformedBodiesRefused(ctx, {
        method: 'POST',
        url: `/api/v1${url}/${path}`,
        headers,
        schema,
        fields: [...fields],
        values: [...values, 'a'.repeat(5_001), 'text\u0007bell', ...nastyValues('document')],
        numRuns: 100,
        snapshot: () => h.snapshot(),
      });
    }
    expect(sent).toBe(200);
  }, 120_000);
});
