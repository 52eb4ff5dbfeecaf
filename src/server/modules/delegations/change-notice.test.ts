import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../../../contract/accounts.js';
import type { Mailer } from '../../mail/mailer.js';
import { smtpMailer } from '../../mail/mailer.js';
import { type ReceivedMail, type SmtpCatcher, startSmtpCatcher, TEST_MAIL_FROM } from '../../mail/testing.js';
import { type BuiltUser, buildUser } from '../../testing/factories.js';
import { type AppContext, describeEachEngine } from '../../testing/harness.js';
import { openSession } from '../../testing/sessions.js';
import { ADVISER, delegationApi, HEAD } from './testing.js';

// A real SMTP server: the platform's own SMTP mailer talks to it, and the tests read what arrived.
let smtp: SmtpCatcher;
beforeAll(async () => {
  smtp = await startSmtpCatcher();
});
afterAll(() => smtp.close());

const NO_NOTE = 'The note verbale was handed over at the venue.';

/** A user with `role` who reads e-mail in `lang`, named `name`, and their browser's headers. */
async function person(
  ctx: AppContext,
  role: Role,
  lang: string,
  options: { memberState?: string; status?: 'deactivated'; name?: string } = {},
): Promise<BuiltUser & { headers: Record<string, string> }> {
  const user = await buildUser(ctx.database.db, {
    role,
    ...(options.memberState ? { memberState: options.memberState } : {}),
    ...(options.status ? { status: options.status } : {}),
  });
  await ctx.database.db
    .updateTable('app_user')
    .set({ preferred_lang: lang, ...(options.name ? { display_name: options.name } : {}) })
    .where('id', '=', user.id)
    .execute();
  return { ...user, headers: (await openSession(ctx.database.db, user.id, { secondFactor: true })).headers };
}

/** The e-mails that arrived about the meeting `slug` (its name and links name it). The platform
 * sends them before it answers the request, so after the reply they are all here. */
const mailsAbout = (slug: string) => smtp.received.filter((m) => m.text.includes(slug));
const recipientsOf = (mails: ReceivedMail[]) => mails.flatMap((m) => m.to).sort();

describeEachEngine(
  'telling the secretariat of a change request (issue 11 item 12)',
  (ctx) => {
    const h = delegationApi(ctx);
    let cast: Record<'admin' | 'staffFr' | 'staffPt' | 'gone' | 'revoked' | 'otherFocal' | 'delegate', BuiltUser>;
    let focal: BuiltUser & { headers: Record<string, string> };
    let staff: Record<string, string>;

    beforeAll(async () => {
      const staffPt = await person(ctx, 'secretariat-staff', 'pt');
      staff = staffPt.headers;
      const revoked = await person(ctx, 'secretariat-staff', 'en');
      await ctx.database.db
        .updateTable('role_grant')
        .set({ revoked_at: new Date().toISOString() })
        .where('user_id', '=', revoked.id)
        .execute();
      cast = {
        admin: await person(ctx, 'secretariat-admin', 'es'),
        staffFr: await person(ctx, 'secretariat-staff', 'fr'),
        staffPt,
        gone: await person(ctx, 'secretariat-staff', 'en', { status: 'deactivated' }),
        revoked,
        otherFocal: await person(ctx, 'focal-point', 'en', { memberState: 'mx' }),
        delegate: await person(ctx, 'delegate', 'en', { memberState: 'ec' }),
      };
      focal = await person(ctx, 'focal-point', 'es', { memberState: 'ec', name: 'Lucía Andrade' });
    });

    /** Ecuador's delegation, submitted and accredited by the secretariat. */
    async function accredited(slug: string) {
      const d = await h.registered(focal.headers, slug, { submit: true });
      const url = `${h.base(slug)}/${d.id}`;
      const res = await h.send('POST', `${url}/accredit`, staff, { version: 1, reason: NO_NOTE });
      expect(res.statusCode, res.body).toBe(200);
      return url;
    }

    it('e-mails each user who may decide it, in their language, with a link to review it, and nobody else', async () => {
      const { slug } = await h.meeting();
      const url = await accredited(slug);
      expect(mailsAbout(slug)).toEqual([]);

      const edited = await h.send('PATCH', url, focal.headers, { version: 2, participants: [HEAD, ADVISER, ADVISER] });
      expect(edited.statusCode, edited.body).toBe(202);

      const mails = mailsAbout(slug);
      expect(recipientsOf(mails)).toEqual([cast.admin.email, cast.staffFr.email, cast.staffPt.email].sort());
      const to = (user: BuiltUser) => mails.find((m) => m.to.includes(user.email)) as ReceivedMail;
      const base = 'http://localhost:3000';

      const es = to(cast.admin);
      expect(es.subject).toBe(`Cambio por revisar: delegación de Ecuador a la Test meeting ${slug}`);
      expect(es.text).toContain('Lucía Andrade pidió cambiar los participantes de la delegación de Ecuador');
      expect(es.text).toContain(`Revisar el cambio:\n${base}/es/meetings/${slug}/registration\n`);
      expect(es.html).toContain(`<a href="${base}/es/meetings/${slug}/registration">Revisar el cambio</a>`);

      const fr = to(cast.staffFr);
      expect(fr.subject).toBe(`Modification à examiner : délégation de Équateur à la Test meeting ${slug}`);
      expect(fr.text).toContain(`${base}/fr/meetings/${slug}/registration`);

      const pt = to(cast.staffPt);
      expect(pt.subject).toBe(`Alteração a revisar: delegação de Equador à Test meeting ${slug}`);
      expect(pt.text).toContain(`${base}/pt/meetings/${slug}/registration`);
    });

    it('sends one e-mail per change waiting: not again while it is pending, again for the next one', async () => {
      const { slug } = await h.meeting();
      const url = await accredited(slug);
      const first = await h.send('PATCH', url, focal.headers, { version: 2, participants: [HEAD, ADVISER] });
      expect(first.statusCode, first.body).toBe(202);
      expect(mailsAbout(slug)).toHaveLength(3);

      const again = await h.send('PATCH', url, focal.headers, { version: 3, participants: [HEAD] });
      expect(again.statusCode, again.body).toBe(202);
      expect(mailsAbout(slug)).toHaveLength(3);

      const change = again.json().changes[0].id;
      const approved = await h.send('POST', `${url}/changes/${change}/approve`, staff, {});
      expect(approved.statusCode, approved.body).toBe(200);
      const next = await h.send('PATCH', url, focal.headers, {
        version: approved.json().version,
        participants: [HEAD, ADVISER],
      });
      expect(next.statusCode, next.body).toBe(202);
      expect(recipientsOf(mailsAbout(slug))).toEqual(
        [cast.admin.email, cast.staffFr.email, cast.staffPt.email].flatMap((e) => [e, e]).sort(),
      );
    });

    it('sends nothing for an edit that applies (registration open, not accredited) or a refused one', async () => {
      const { slug } = await h.meeting();
      const d = await h.registered(focal.headers, slug, { submit: true });
      const url = `${h.base(slug)}/${d.id}`;
      const applied = await h.send('PATCH', url, focal.headers, { version: 1, participants: [HEAD] });
      expect(applied.statusCode, applied.body).toBe(200);
      const stale = await h.send('PATCH', url, focal.headers, { version: 1, participants: [HEAD, ADVISER] });
      expect(stale.statusCode, stale.body).toBe(409);
      const byStaff = await h.send('PATCH', url, staff, { version: 2, participants: [HEAD, ADVISER] });
      expect(byStaff.statusCode, byStaff.body).toBe(200);
      expect(mailsAbout(slug)).toEqual([]);
    });

    it('tells the secretariat of an edit after the deadline too, which is a change request as well', async () => {
      const { slug, id } = await h.meeting();
      const d = await h.registered(focal.headers, slug, { submit: true });
      await ctx.database.db
        .updateTable('meeting')
        .set({ registration_deadline: new Date(Date.now() - 86_400_000).toISOString() })
        .where('id', '=', id)
        .execute();
      const late = await h.send('PATCH', `${h.base(slug)}/${d.id}`, focal.headers, {
        version: 1,
        participants: [HEAD],
      });
      expect(late.statusCode, late.body).toBe(202);
      expect(recipientsOf(mailsAbout(slug))).toEqual([cast.admin.email, cast.staffFr.email, cast.staffPt.email].sort());
    });
  },
  () => ({ mailer: () => smtpMailer({ url: smtp.url, from: TEST_MAIL_FROM }), meetingReminders: false }),
);

/** A mail server that refuses everything. */
const refusingMailer = (): Mailer => ({
  send: async () => {
    throw new Error('550 mailbox unavailable');
  },
});

describeEachEngine(
  'a change request when the mail server refuses',
  (ctx) => {
    const h = delegationApi(ctx);
    it('is kept and answered 202 all the same: only the e-mail fails', async () => {
      await person(ctx, 'secretariat-admin', 'en');
      const staff = (await person(ctx, 'secretariat-staff', 'en')).headers;
      const focal = (await person(ctx, 'focal-point', 'en', { memberState: 'ec' })).headers;
      const { slug } = await h.meeting();
      const d = await h.registered(focal, slug, { submit: true });
      const url = `${h.base(slug)}/${d.id}`;
      expect((await h.send('POST', `${url}/accredit`, staff, { version: 1, reason: NO_NOTE })).statusCode).toBe(200);
      const edited = await h.send('PATCH', url, focal, { version: 2, participants: [HEAD] });
      expect(edited.statusCode, edited.body).toBe(202);
      expect(edited.json()).toMatchObject({ status: 'accredited', changes: [{ status: 'pending' }] });
    });
  },
  () => ({ mailer: refusingMailer, meetingReminders: false }),
);
