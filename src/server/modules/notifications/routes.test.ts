import { expect, it } from 'vitest';
import type { Role } from '../../../contract/accounts.js';
import { type Mailer, smtpMailer } from '../../mail/mailer.js';
import { smtpForTests, TEST_MAIL_FROM } from '../../mail/testing.js';
import { buildDelegation, buildMeeting, buildUser } from '../../testing/factories.js';
import { type AppContext, describeEachEngine } from '../../testing/harness.js';
import { openSession } from '../../testing/sessions.js';
import { HEAD } from '../delegations/testing.js';
import { runNotificationMail } from './index.js';

const smtp = smtpForTests();

interface Person {
  id: string;
  email: string;
  headers: Record<string, string>;
}

function helpers(ctx: AppContext) {
  const db = () => ctx.database.db;
  /** A signed-in user with `role` (bound to a state), reading `lang`. */
  const person = async (role: Role, memberState?: string, lang = 'en'): Promise<Person> => {
    const user = await buildUser(db(), { role, ...(memberState ? { memberState } : {}) });
    await db().updateTable('app_user').set({ preferred_lang: lang }).where('id', '=', user.id).execute();
    const { headers } = await openSession(db(), user.id, { secondFactor: true });
    return { id: user.id, email: user.email, headers };
  };
  const send = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ) => ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const notices = async (who: Person, query = '') => {
    const res = await send('GET', `/api/v1/me/notifications${query}`, who.headers);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      items: Array<{
        id: string;
        kind: string;
        title: string;
        detail: string | null;
        path: string;
        readAt: string | null;
      }>;
      unread: number;
      nextCursor: string | null;
    };
  };
  const kinds = async (who: Person) => (await notices(who)).items.map((n) => n.kind);
  const ok = async (method: 'POST' | 'PATCH', url: string, who: Person, payload?: object) => {
    const res = await send(method, url, who.headers, payload);
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  /** A delegation of `memberState` at the meeting, put there directly (a concluded meeting takes none). */
  const seat = (meetingId: string, memberState: string, status: 'draft' | 'submitted' | 'accredited') =>
    buildDelegation(db(), meetingId, memberState, status);
  /** One run of the notifications job, mailing through `mailer`. */
  const mailJob = (mailer: Mailer, clock: () => Date = () => new Date()) =>
    runNotificationMail({ db: db(), clock, mailer, publicUrl: 'https://mispa.example.org', log: ctx.app.log });
  return { db, person, send, notices, kinds, ok, seat, mailJob };
}

describeEachEngine(
  'notifications of a delegation’s registration',
  (ctx) => {
    const h = helpers(ctx);
    const mailer = () => smtpMailer({ url: smtp.url(), from: TEST_MAIL_FROM });

    it('tells the secretariat of a submission, the state’s own focal point of the accreditation, in their language by e-mail, and no other state', async () => {
      const staff = await h.person('secretariat-staff');
      const focalEc = await h.person('focal-point', 'ec', 'es');
      const focalMx = await h.person('focal-point', 'mx');
      const { slug, id: meetingId } = await buildMeeting(h.db());
      const registered = await h.ok('POST', `/api/v1/meetings/${slug}/delegations`, focalEc, {
        category: 'delegation',
        participants: [HEAD],
        submit: true,
      });
      const list = await h.notices(staff);
      expect(list.unread).toBe(1);
      expect(list.items[0]).toMatchObject({
        kind: 'delegation-submitted',
        path: `meetings/${slug}/registration`,
        readAt: null,
      });
      expect(list.items[0]?.title).toMatch(/^The delegation of Ecuador to the .+ was submitted for accreditation$/);
      expect((await h.send('GET', '/api/v1/me/notifications/count', staff.headers)).json()).toEqual({ unread: 1 });
      // The one who submitted is not told of their own act; another state is told nothing.
      expect(await h.kinds(focalEc)).toEqual([]);
      expect(await h.kinds(focalMx)).toEqual([]);

      const accredited = await h.ok('POST', `/api/v1/meetings/${slug}/delegations/${registered.id}/accredit`, staff, {
        version: registered.version,
        reason: 'Note verbale handed over at the venue.',
      });
      expect(await h.kinds(focalEc)).toEqual(['delegation-accredited']);
      expect(await h.kinds(focalMx)).toEqual([]);
      expect((await h.notices(focalEc, '?lang=es')).items[0]?.title).toMatch(
        /^La delegación de Ecuador a la .+ fue acreditada$/,
      );

      await h.ok('POST', `/api/v1/meetings/${slug}/delegations/${registered.id}/return`, staff, {
        version: accredited.version,
        reason: 'Falta la nota verbal.',
      });
      const returned = (await h.notices(focalEc)).items[0];
      expect(returned).toMatchObject({ kind: 'delegation-returned', detail: 'Reason: Falta la nota verbal.' });

      const run = await h.mailJob(mailer());
      expect(run.sent).toBeGreaterThanOrEqual(3);
      const mail = await smtp.waitFor(focalEc.email, (m) => m.subject.includes('acreditada'));
      expect(mail.text).toContain(`https://mispa.example.org/es/meetings/${slug}/registration`);
      expect(mail.html).toContain('<html lang="es">');
      const back = await smtp.waitFor(focalEc.email, (m) => m.subject.includes('devuelta'));
      expect(back.text).toContain('Motivo: Falta la nota verbal.');
      await smtp.waitFor(staff.email, (m) => m.subject.includes('submitted'));
      // Nothing is e-mailed twice.
      expect((await h.mailJob(mailer())).sent).toBe(0);
      const queued = await h
        .db()
        .selectFrom('notification')
        .select('user_id')
        .where('meeting_id', '=', meetingId)
        .execute();
      expect(queued.map((n) => n.user_id)).not.toContain(focalMx.id);
    });

    it('tells the state of a change request decided, with the reason of a rejection', async () => {
      const staff = await h.person('secretariat-admin');
      const focal = await h.person('focal-point', 'pe');
      const other = await h.person('focal-point', 'co');
      const { slug } = await buildMeeting(h.db());
      const d = await h.ok('POST', `/api/v1/meetings/${slug}/delegations`, focal, {
        category: 'delegation',
        participants: [HEAD],
        submit: true,
      });
      const acc = await h.ok('POST', `/api/v1/meetings/${slug}/delegations/${d.id}/accredit`, staff, {
        version: d.version,
        reason: 'At the venue.',
      });
      const edit = await h.send('PATCH', `/api/v1/meetings/${slug}/delegations/${d.id}`, focal.headers, {
        version: acc.version,
        participants: [HEAD, { ...HEAD, role: 'adviser', name: 'Ana' }],
      });
      expect(edit.statusCode, edit.body).toBe(202);
      const change = (await h.send('GET', `/api/v1/meetings/${slug}/delegations/${d.id}`, staff.headers)).json()
        .changes[0];
      await h.ok('POST', `/api/v1/meetings/${slug}/delegations/${d.id}/changes/${change.id}/reject`, staff, {
        reason: 'Too late.',
      });
      const told = (await h.notices(focal)).items[0];
      expect(told).toMatchObject({ kind: 'change-decided', detail: 'Reason: Too late.' });
      expect(told?.title).toMatch(/was rejected$/);
      expect(await h.kinds(other)).toEqual([]);
    });
  },
  () => ({ notificationMail: false }),
);

describeEachEngine(
  'notifications of a meeting’s steps, documents and records',
  (ctx) => {
    const h = helpers(ctx);

    it('tells focal points of a meeting convened (no second e-mail: the convocation is one) and of registration opening and closing', async () => {
      const admin = await h.person('secretariat-admin');
      const focal = await h.person('focal-point', 'cl');
      const { slug } = await buildMeeting(h.db(), { status: 'draft' });
      expect(await h.kinds(focal)).toEqual([]);
      for (const step of ['convene', 'open-registration', 'close-registration']) {
        const detail = (await h.send('GET', `/api/v1/meetings/${slug}`, admin.headers)).json();
        await h.ok('POST', `/api/v1/meetings/${slug}/${step}`, admin, { version: detail.version });
      }
      expect(await h.kinds(focal)).toEqual(['registration-closed', 'registration-opened', 'meeting-convened']);
      const convened = await h
        .db()
        .selectFrom('notification')
        .select('mail')
        .where('user_id', '=', focal.id)
        .where('kind', '=', 'meeting-convened')
        .executeTakeFirstOrThrow();
      expect(convened.mail).toBe('never');
      expect(await h.kinds(admin)).toEqual([]);
    });

    it('pages one’s notices newest first: the pages together are the whole list, and unread counts them all', async () => {
      const admin = await h.person('secretariat-admin');
      const focal = await h.person('focal-point', 'gt');
      const { slug } = await buildMeeting(h.db(), { status: 'draft' });
      for (const step of ['convene', 'open-registration', 'close-registration']) {
        const detail = (await h.send('GET', `/api/v1/meetings/${slug}`, admin.headers)).json();
        await h.ok('POST', `/api/v1/meetings/${slug}/${step}`, admin, { version: detail.version });
      }
      const whole = await h.notices(focal);
      expect(whole.nextCursor).toBeNull();
      const first = await h.notices(focal, '?limit=2');
      expect(first.items).toHaveLength(2);
      expect(first.unread).toBe(3);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await h.notices(focal, `?limit=2&cursor=${encodeURIComponent(first.nextCursor ?? '')}`);
      expect(second.nextCursor).toBeNull();
      expect([...first.items, ...second.items].map((n) => n.id)).toEqual(whole.items.map((n) => n.id));
      expect(whole.items.map((n) => n.kind)).toEqual([
        'registration-closed',
        'registration-opened',
        'meeting-convened',
      ]);
    });

    it('tells of documents only those whose delegation takes part, and nobody while the meeting is a draft', async () => {
      const staff = await h.person('secretariat-staff');
      const taking = await h.person('delegate', 'ar');
      const drafted = await h.person('focal-point', 'bo');
      const away = await h.person('focal-point', 'br');
      const draft = await buildMeeting(h.db(), { status: 'draft' });
      await h.seat(draft.id, 'ar', 'accredited');
      const doc = {
        category: 'working',
        titles: { en: 'Draft agenda' },
        originalLang: 'en',
        visibility: 'delegations',
      };
      await h.ok('POST', `/api/v1/meetings/${draft.slug}/documents`, staff, doc);
      expect(await h.kinds(taking)).toEqual([]);

      const open = await buildMeeting(h.db());
      await h.seat(open.id, 'ar', 'submitted');
      await h.seat(open.id, 'bo', 'draft');
      const added = await h.ok('POST', `/api/v1/meetings/${open.slug}/documents`, staff, doc);
      await h.ok('POST', `/api/v1/meetings/${open.slug}/documents/${added.id}/revisions`, staff, {
        version: added.version,
      });
      const told = (await h.notices(taking)).items;
      expect(told.map((n) => n.kind)).toEqual(['document-revised', 'document-added']);
      expect(told[0]?.title).toContain('rev. 1');
      expect(told[0]?.path).toBe(`meetings/${open.slug}/documents`);
      expect(await h.kinds(drafted)).toEqual([]);
      expect(await h.kinds(away)).toEqual([]);
    });

    it('tells the states taking part of minutes shared for comment, not the drafts before', async () => {
      const staff = await h.person('secretariat-staff');
      const focal = await h.person('focal-point', 'uy');
      const away = await h.person('focal-point', 'py');
      const m = await buildMeeting(h.db(), { status: 'concluded' });
      await h.seat(m.id, 'uy', 'accredited');
      const draft = await h.send('PUT', `/api/v1/meetings/${m.slug}/records/minutes`, staff.headers, {
        lang: 'es',
        body: 'Borrador del acta',
        updatedAt: null,
      });
      expect(draft.statusCode, draft.body).toBe(200);
      expect(await h.kinds(focal)).toEqual([]);
      await h.ok('POST', `/api/v1/meetings/${m.slug}/records/minutes/share`, staff, {
        updatedAt: draft.json().updatedAt,
      });
      expect((await h.notices(focal)).items[0]).toMatchObject({
        kind: 'minutes-shared',
        path: `meetings/${m.slug}/records`,
      });
      expect(await h.kinds(away)).toEqual([]);
    });
  },
  () => ({ notificationMail: false }),
);
