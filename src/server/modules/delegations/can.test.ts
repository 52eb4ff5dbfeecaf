import { expect, it } from 'vitest';
import type { Delegation } from '../../../contract/delegations.js';
import type { MeetingStatus } from '../../db/schema.js';
import { multipartBody, pdfBytes } from '../../files/testing.js';
import { expectAsCan } from '../../testing/api.js';
import { buildPartner } from '../../testing/factories.js';
import { describeEachEngine } from '../../testing/harness.js';
import { ORIGIN } from '../../testing/sessions.js';
import { ADVISER, delegationApi, HEAD } from './testing.js';

/**
 * The `can` objects of the registration replies against what the server then allows: for every
 * kind of caller, each flag is tried with the write it names — when true it succeeds, when false
 * it is refused.
 */
describeEachEngine('the `can` objects of delegations', (ctx) => {
  const h = delegationApi(ctx);

  const callers = async () => {
    const partner = await buildPartner(h.db(), { name: 'Inter-American Foundation' });
    return {
      public: { origin: ORIGIN } as Record<string, string>,
      focalPoint: await h.as('focal-point', { memberState: 'ec' }),
      otherFocalPoint: await h.as('focal-point', { memberState: 'br' }),
      delegate: await h.as('delegate', { memberState: 'ec' }),
      partner: await h.as('partner', { partner: partner.slug }),
      staff: await h.as('secretariat-staff'),
      admin: await h.as('secretariat-admin'),
    };
  };
  const read = async (headers: Record<string, string>, url: string) => {
    const res = await ctx.app.inject({ url, headers });
    return res.statusCode === 200 ? (res.json() as Delegation) : null;
  };
  const post = (headers: Record<string, string>, url: string, payload: object) => h.send('POST', url, headers, payload);
  const upload = (headers: Record<string, string>, url: string, version: number) => {
    const body = multipartBody([{ filename: 'note.pdf', contentType: 'application/pdf', data: pdfBytes('Note') }]);
    return ctx.app.inject({
      method: 'PUT',
      url: `${url}/credentials`,
      headers: { ...headers, ...body.headers, 'if-match': `"${version}"` },
      payload: body.payload,
    });
  };

  it.each<[MeetingStatus, Record<string, { readAll: boolean; register: boolean; registerOthers: boolean }>]>([
    [
      'registration-open',
      {
        focalPoint: { readAll: false, register: true, registerOthers: false },
        delegate: { readAll: false, register: false, registerOthers: false },
        partner: { readAll: false, register: true, registerOthers: false },
        staff: { readAll: true, register: true, registerOthers: true },
        admin: { readAll: true, register: true, registerOthers: true },
      },
    ],
    [
      'registration-closed',
      {
        focalPoint: { readAll: false, register: false, registerOthers: false },
        delegate: { readAll: false, register: false, registerOthers: false },
        partner: { readAll: false, register: false, registerOthers: false },
        staff: { readAll: true, register: true, registerOthers: true },
        admin: { readAll: true, register: true, registerOthers: true },
      },
    ],
    [
      'concluded',
      {
        focalPoint: { readAll: false, register: false, registerOthers: false },
        delegate: { readAll: false, register: false, registerOthers: false },
        partner: { readAll: false, register: false, registerOthers: false },
        staff: { readAll: true, register: false, registerOthers: false },
        admin: { readAll: true, register: false, registerOthers: false },
      },
    ],
  ])('the list’s `can` on a %s meeting: register one’s own, register others, read all', async (status, expected) => {
    const all = await callers();
    const targets: Record<string, object> = {
      focalPoint: { category: 'delegation', participants: [HEAD] },
      delegate: { category: 'delegation', participants: [HEAD] },
      partner: { category: 'observer', participants: [HEAD] },
      staff: { category: 'delegation', memberState: 'ec', participants: [HEAD] },
      admin: { category: 'delegation', memberState: 'ec', participants: [HEAD] },
    };
    for (const [who, want] of Object.entries(expected)) {
      const headers = all[who as keyof typeof all];
      // A meeting of its own for each caller, with Brazil's registration made while it was open.
      const { slug, id } = await h.meeting();
      const brazil = await h.registered(all.staff, slug, { memberState: 'br' });
      await h.db().updateTable('meeting').set({ status }).where('id', '=', id).execute();
      const list = (await ctx.app.inject({ url: h.base(slug), headers })).json();
      expect(list.can, `${who} on ${status}`).toEqual(want);
      const brazilRead = await ctx.app.inject({ url: `${h.base(slug)}/${brazil.id}`, headers });
      expectAsCan(list.can.readAll, brazilRead, `${who} readAll`);
      expectAsCan(list.can.register, await h.register(headers, slug, targets[who] as object), `${who} register`);
      const forMexico = { category: 'delegation', memberState: 'mx', participants: [HEAD] };
      expectAsCan(list.can.registerOthers, await h.register(headers, slug, forMexico), `${who} registerOthers`);
    }
  });

  it('each registration’s `can` on an open meeting: save, upload, submit, return, accredit, decide changes', async () => {
    const all = await callers();
    const expected: Record<string, Record<string, boolean> | null> = {
      public: null,
      otherFocalPoint: null,
      partner: null,
      focalPoint: { update: true, uploadCredentials: true, review: false },
      delegate: { update: false, uploadCredentials: false, review: false },
      staff: { update: true, uploadCredentials: true, review: true },
      admin: { update: true, uploadCredentials: true, review: true },
    };
    for (const [who, want] of Object.entries(expected)) {
      const headers = all[who as keyof typeof all];
      const { slug } = await h.meeting();
      const made = await h.registered(all.staff, slug);
      const url = `${h.base(slug)}/${made.id}`;
      const current = async () => (await read(all.staff, url)) as Delegation;
      const mine = await read(headers, url);
      if (want === null) {
        // Not theirs to read: no `can` to trust, and every write is refused.
        expect(mine, who).toBeNull();
        expect((await h.send('PATCH', url, headers, { version: 1, participants: [HEAD] })).statusCode).toBeGreaterThan(
          399,
        );
        continue;
      }
      expect(mine?.can, who).toEqual({
        update: want.update,
        submit: want.update,
        uploadCredentials: want.uploadCredentials,
        accredit: false,
        return: false,
        decideChanges: want.review,
      });
      const can = mine?.can as Delegation['can'];
      const patch = { version: 1, participants: [HEAD, ADVISER] };
      expectAsCan(can.update, await h.send('PATCH', url, headers, patch), `${who} update`);
      expectAsCan(can.uploadCredentials, await upload(headers, url, (await current()).version), `${who} upload`);
      expectAsCan(can.submit, await post(headers, `${url}/submit`, { version: (await current()).version }), who);
      if ((await current()).status !== 'submitted') {
        await post(all.staff, `${url}/submit`, { version: (await current()).version });
      }
      // Submitted: the reviewers may return or accredit it.
      const submitted = (await read(headers, url))?.can as Delegation['can'];
      expect(submitted, who).toMatchObject({ accredit: want.review, return: want.review, submit: false });
      const reason = { version: (await current()).version, reason: 'The list lacks a head.' };
      expectAsCan(submitted.return, await post(headers, `${url}/return`, reason), `${who} return`);
      if ((await current()).status === 'returned') {
        await post(all.staff, `${url}/submit`, { version: (await current()).version });
      }
      const again = (await read(headers, url))?.can as Delegation['can'];
      const accredit = { version: (await current()).version, reason: 'Handed over at the venue.' };
      expectAsCan(again.accredit, await post(headers, `${url}/accredit`, accredit), `${who} accredit`);
      // Accredited: a state's edit becomes a change the reviewers decide.
      if ((await current()).status !== 'accredited') await post(all.staff, `${url}/accredit`, accredit);
      const change = { version: (await current()).version, participants: [HEAD] };
      expect((await h.send('PATCH', url, all.focalPoint, change)).statusCode).toBe(202);
      const pending = (await current()).changes[0]?.id;
      const decided = (await read(headers, url))?.can as Delegation['can'];
      expect(decided.accredit, who).toBe(false);
      const approve = await post(headers, `${url}/changes/${pending}/approve`, {});
      expectAsCan(decided.decideChanges, approve, `${who} decideChanges`);
    }
  });

  it('says nothing may change on a concluded meeting, and the server refuses every change', async () => {
    const all = await callers();
    const { slug, id } = await h.meeting();
    const made = await h.registered(all.staff, slug, { submit: true });
    await h.db().updateTable('meeting').set({ status: 'concluded' }).where('id', '=', id).execute();
    const url = `${h.base(slug)}/${made.id}`;
    for (const headers of [all.focalPoint, all.staff, all.admin]) {
      const can = (await read(headers, url))?.can as Delegation['can'];
      expect(Object.values(can).every((flag) => flag === false)).toBe(true);
      expectAsCan(can.update, await h.send('PATCH', url, headers, { version: 1, participants: [HEAD] }), 'update');
      expectAsCan(can.uploadCredentials, await upload(headers, url, 1), 'upload');
      expectAsCan(can.accredit, await post(headers, `${url}/accredit`, { version: 1, reason: 'x' }), 'accredit');
      expectAsCan(can.return, await post(headers, `${url}/return`, { version: 1, reason: 'x' }), 'return');
    }
  });
});
