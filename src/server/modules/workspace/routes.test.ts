import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Workspace } from '../../../contract/workspace.js';
import { smtpMailer } from '../../mail/mailer.js';
import { type SmtpCatcher, startSmtpCatcher, TEST_MAIL_FROM } from '../../mail/testing.js';
import { expectProblem } from '../../testing/api.js';
import { buildMeeting, buildPartner, buildUser } from '../../testing/factories.js';
import { type AppContext, describeEachEngine } from '../../testing/harness.js';
import { callerOf } from '../../testing/sessions.js';
import { buildMeetingDocument } from '../agenda/testing.js';
import { delegationApi, HEAD } from '../delegations/testing.js';
import { outcomeHelpers } from '../documents/testing.js';
import { followUpHelpers } from '../follow-up/testing.js';
import { recordVisit } from './queries.js';
import { SITTING_MS } from './service.js';

let smtp: SmtpCatcher;
beforeAll(async () => {
  smtp = await startSmtpCatcher();
});
afterAll(() => smtp.close());

type Headers = Record<string, string>;

function helpers(ctx: AppContext) {
  const read = async (headers: Headers, lang = 'en') => {
    const res = await ctx.app.inject({ url: `/api/v1/me/workspace?lang=${lang}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Workspace;
  };
  const queue = (workspace: Workspace, key: string) => workspace.queues.find((q) => q.key === key);
  /** Every queue's count is the length of its list (each world here is far below the list's limit). */
  const countsAgree = (workspace: Workspace) => {
    for (const q of workspace.queues) expect(q.count, q.key).toBe(q.items.length);
  };
  return { read, queue, countsAgree };
}

describeEachEngine(
  'the workspace',
  (ctx) => {
    const h = helpers(ctx);
    const d = delegationApi(ctx);

    it('is for signed-in users only', async () => {
      expectProblem(await ctx.app.inject({ url: '/api/v1/me/workspace' }), 401);
    });

    it('gives the secretariat its meetings with their registrations, the states missing, and the registrations to accredit', async () => {
      const staff = await callerOf(ctx, 'secretariat-staff');
      const meeting = await d.meeting({ status: 'registration-open' });
      const draft = await d.meeting({ status: 'draft' });
      const ecuador = await d.as('focal-point', { memberState: 'ec' });
      const sent = await d.registered(ecuador, meeting.slug, { submit: true });
      const workspace = await h.read(staff);
      const listed = workspace.meetings.find((m) => m.slug === meeting.slug);
      expect(listed?.registration).toMatchObject({ registered: 1, total: 35, canRemind: true });
      expect(listed?.registration?.missing).toHaveLength(34);
      expect(listed?.registration?.missing.map((s) => s.slug)).not.toContain('ec');
      expect(listed?.nextDeadline?.kind).toBe('registration-deadline');
      expect(workspace.meetings.find((m) => m.slug === draft.slug)?.status).toBe('draft');
      const toAccredit = h.queue(workspace, 'registrations-to-accredit');
      expect(toAccredit?.items.find((i) => i.id === sent.id)).toMatchObject({
        title: 'Ecuador',
        path: `/meetings/${meeting.slug}/registration`,
        meeting: { slug: meeting.slug },
      });
      expect(workspace.queues.map((q) => q.key)).toEqual([
        'registrations-to-accredit',
        'change-requests',
        'minutes-awaiting-comments',
        'amendments-to-rule',
        'reports-to-review',
      ]);
      h.countsAgree(workspace);
      // Accredited, it leaves the queue, and the count with it.
      const accredit = await ctx.app.inject({
        method: 'POST',
        url: `${d.base(meeting.slug)}/${sent.id}/accredit`,
        headers: staff,
        payload: { version: sent.version, reason: 'Credentials by diplomatic pouch' },
      });
      expect(accredit.statusCode, accredit.body).toBe(200);
      const after = await h.read(staff);
      expect(h.queue(after, 'registrations-to-accredit')?.items.map((i) => i.id)).not.toContain(sent.id);
      expect(h.queue(after, 'registrations-to-accredit')?.count).toBe(
        (h.queue(workspace, 'registrations-to-accredit')?.count ?? 0) - 1,
      );
      h.countsAgree(after);
    });

    it('gives a focal point the meetings, its own delegation only, new documents and the reports to write', async () => {
      const meeting = await d.meeting({ status: 'registration-open' });
      const mexico = await d.as('focal-point', { memberState: 'mx' });
      const colombia = await d.as('focal-point', { memberState: 'co' });
      const own = await d.registered(mexico, meeting.slug, { memberState: 'mx' });
      const other = await d.registered(colombia, meeting.slug, { memberState: 'co', submit: true });
      const documentId = await buildMeetingDocument(ctx.database.db, meeting.id, 'WS/doc.1');
      const f = followUpHelpers(ctx);
      const staff = await f.as('secretariat-staff');
      const item = await f.historicItem(staff, '77');
      await f.openCycle(staff, { items: [item.id], states: ['mx'] });

      const workspace = await h.read(mexico, 'es');
      const listed = workspace.meetings.find((m) => m.slug === meeting.slug);
      expect(listed?.delegations).toEqual([{ id: own.id, status: 'draft', name: 'México' }]);
      expect(listed?.registration).toBeNull();
      expect(JSON.stringify(workspace)).not.toContain(other.id);
      expect(workspace.queues.map((q) => q.key)).toEqual(['reports-to-write', 'comments-asked', 'new-documents']);
      expect(h.queue(workspace, 'new-documents')?.items.map((i) => i.id)).toContain(documentId);
      expect(h.queue(workspace, 'reports-to-write')?.items).toEqual([
        expect.objectContaining({
          title: 'México',
          path: '/follow-up/reporting',
          detail: expect.stringContaining('77'),
        }),
      ]);
      expect(workspace.meetings.every((m) => m.status !== 'draft')).toBe(true);
      h.countsAgree(workspace);
      // Colombia's focal point does not get Mexico's reports to write.
      expect(h.queue(await h.read(colombia), 'reports-to-write')?.count).toBe(0);
    });

    it('gives a partner only the meetings it observes, its own registration and the documents shared there', async () => {
      const observed = await d.meeting({ status: 'registration-open' });
      const elsewhere = await d.meeting({ status: 'registration-open' });
      const partner = await buildPartner(ctx.database.db, { name: 'Observer org' });
      const rival = await buildPartner(ctx.database.db, { name: 'Rival org' });
      const mine = await d.as('partner', { partner: partner.slug });
      const theirs = await d.as('partner', { partner: rival.slug });
      const registration = await d.register(mine, observed.slug, {
        category: 'observer',
        partner: partner.slug,
        participants: [HEAD],
        submit: true,
      });
      expect(registration.statusCode, registration.body).toBe(201);
      const theirRegistration = await d.register(theirs, elsewhere.slug, {
        category: 'observer',
        partner: rival.slug,
        participants: [HEAD],
      });
      expect(theirRegistration.statusCode, theirRegistration.body).toBe(201);
      const shared = await buildMeetingDocument(ctx.database.db, observed.id, 'WS/inf.1');
      const notShared = await buildMeetingDocument(ctx.database.db, elsewhere.id, 'WS/inf.2');
      await ctx.database.db
        .updateTable('meeting_document')
        .set({ visibility: 'delegations' })
        .where('id', 'in', [shared, notShared])
        .execute();

      // Outcome documents the secretariat shares with the partner join the list; another's do not.
      const o = outcomeHelpers(ctx);
      const secretariat = await o.as('secretariat-staff');
      const text = await o.draft(secretariat, observed.slug);
      const theirText = await o.draft(secretariat, elsewhere.slug);
      for (const [doc, to] of [
        [text, partner.slug],
        [theirText, rival.slug],
      ] as const) {
        const res = await o.send('PUT', `/documents/${doc.id}/shares/${to}`, secretariat);
        expect(res.statusCode, res.body).toBe(200);
      }

      const workspace = await h.read(mine);
      expect(workspace.meetings.map((m) => m.slug)).toEqual([observed.slug]);
      expect(workspace.meetings[0]?.delegations).toEqual([
        { id: registration.json().id, status: 'submitted', name: 'Observer org' },
      ]);
      expect(workspace.queues.map((q) => q.key)).toEqual(['shared-documents']);
      const sharedList = h.queue(workspace, 'shared-documents');
      expect(sharedList?.items.map((i) => i.id).sort()).toEqual([shared, text.id].sort());
      expect(sharedList?.items.find((i) => i.id === text.id)).toMatchObject({
        title: 'Test declaration',
        path: `/documents/${text.slug}`,
        meeting: { slug: observed.slug },
      });
      expect(JSON.stringify(workspace)).not.toContain(theirRegistration.json().id);
      expect(JSON.stringify(workspace)).not.toContain(theirText.id);
      h.countsAgree(workspace);
    });

    it('keeps what was new for the sitting, and starts anew at the next', async () => {
      const user = await buildUser(ctx.database.db, { role: 'focal-point', memberState: 'pe' });
      const t0 = new Date('2030-01-01T10:00:00.000Z');
      expect(await recordVisit(ctx.database.db, user.id, t0, SITTING_MS)).toBeNull();
      // Within the sitting: still the visit before it (none).
      expect(await recordVisit(ctx.database.db, user.id, new Date(t0.getTime() + 60_000), SITTING_MS)).toBeNull();
      const later = new Date(t0.getTime() + 60_000 + SITTING_MS + 1);
      expect(await recordVisit(ctx.database.db, user.id, later, SITTING_MS)).toBe('2030-01-01T10:01:00.000Z');
      expect(await recordVisit(ctx.database.db, user.id, new Date(later.getTime() + 1000), SITTING_MS)).toBe(
        '2030-01-01T10:01:00.000Z',
      );
    });

    it('reminds the states not registered, each focal point in their language, audited; only the secretariat, only while open', async () => {
      const meeting = await buildMeeting(ctx.database.db, { status: 'registration-open' });
      const staff = await callerOf(ctx, 'secretariat-staff');
      const peru = await buildUser(ctx.database.db, { role: 'focal-point', memberState: 'pe' });
      await ctx.database.db.updateTable('app_user').set({ preferred_lang: 'es' }).where('id', '=', peru.id).execute();
      const brazilCaller = await d.as('focal-point', { memberState: 'br' });
      await d.registered(brazilCaller, meeting.slug, { memberState: 'br', submit: true });
      const url = `/api/v1/meetings/${meeting.slug}/remind-states`;

      expectProblem(await ctx.app.inject({ method: 'POST', url }), 401);
      expectProblem(await ctx.app.inject({ method: 'POST', url, headers: brazilCaller }), 403);
      expectProblem(
        await ctx.app.inject({ method: 'POST', url: '/api/v1/meetings/no-such/remind-states', headers: staff }),
        404,
      );

      const res = await ctx.app.inject({ method: 'POST', url, headers: staff });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().states).toBe(34);
      const mail = await smtp.waitFor(peru.email, (m) => m.text.includes(meeting.slug), 10_000);
      expect(mail.text).toContain(`/es/meetings/${meeting.slug}/registration`);
      const audit = await ctx.database.db
        .selectFrom('audit_entry')
        .selectAll()
        .where('entity_id', '=', meeting.id)
        .where('action', '=', 'meetings.remind-states')
        .execute();
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]?.diff ?? '{}').after.states).not.toContain('br');

      const closed = await buildMeeting(ctx.database.db, { status: 'registration-closed' });
      expectProblem(
        await ctx.app.inject({ method: 'POST', url: `/api/v1/meetings/${closed.slug}/remind-states`, headers: staff }),
        409,
      );
    });
  },
  () => ({ mailer: () => smtpMailer({ url: smtp.url, from: TEST_MAIL_FROM }), meetingReminders: false }),
);
