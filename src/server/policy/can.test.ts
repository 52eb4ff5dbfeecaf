import { expect, it } from 'vitest';
import type { Role } from '../../contract/accounts.js';
import { buildMeeting, buildSession, buildUser } from '../testing/factories.js';
import { describeEachEngine } from '../testing/harness.js';
import { callerOf } from '../testing/sessions.js';

/**
 * The `can` objects replies carry: what the reader may do, decided by the permission table (the
 * portal shows its controls from them). Who may, who may not, and a session owing its second
 * factor may nothing.
 */
describeEachEngine('the `can` object of replies', (ctx) => {
  const get = async (url: string, headers: Record<string, string>) => {
    const res = await ctx.app.inject({ url, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().can;
  };
  const as = (role: Role) => callerOf(ctx, role, role === 'focal-point' ? 'ec' : {});

  it('says on /me what the account may do across the portal', async () => {
    expect(await get('/api/v1/me', await as('secretariat-admin'))).toEqual({
      readUsers: true,
      inviteUsers: true,
      readAudit: true,
      createMeetings: true,
      managePartners: true,
      draftDocuments: true,
      manageFollowUp: true,
      reportFollowUp: false,
      chairDocuments: true,
      amendDocuments: false,
      footnoteDocuments: false,
      shareDocuments: true,
      readBriefs: true,
    });
    expect(await get('/api/v1/me', await as('secretariat-staff'))).toEqual({
      readUsers: true,
      inviteUsers: false,
      readAudit: true,
      createMeetings: true,
      managePartners: false,
      draftDocuments: true,
      manageFollowUp: true,
      reportFollowUp: false,
      chairDocuments: true,
      amendDocuments: false,
      footnoteDocuments: false,
      shareDocuments: true,
      readBriefs: true,
    });
    const none = {
      readUsers: false,
      inviteUsers: false,
      readAudit: false,
      createMeetings: false,
      managePartners: false,
      draftDocuments: false,
      manageFollowUp: false,
      reportFollowUp: false,
      chairDocuments: false,
      amendDocuments: false,
      footnoteDocuments: false,
      shareDocuments: false,
      readBriefs: false,
    };
    // A state's focal point reports its follow-up, and amends and footnotes for its own state (each document decides again).
    expect(await get('/api/v1/me', await as('focal-point'))).toEqual({
      ...none,
      reportFollowUp: true,
      amendDocuments: true,
      footnoteDocuments: true,
    });
    const admin = await buildUser(ctx.database.db, { role: 'secretariat-admin' });
    const halfway = { cookie: await buildSession(ctx.database.db, admin.id, { secondFactor: false }) };
    expect(await get('/api/v1/me', halfway)).toEqual(none);
  });

  it('says on a meeting whether the reader may edit it: the secretariat, while the meeting is open', async () => {
    const open = await buildMeeting(ctx.database.db, { status: 'registration-open' });
    const concluded = await buildMeeting(ctx.database.db, { status: 'concluded' });
    const staff = await as('secretariat-staff');
    expect(await get(`/api/v1/meetings/${open.slug}`, staff)).toMatchObject({ update: true });
    expect(await get(`/api/v1/meetings/${concluded.slug}`, staff)).toMatchObject({ update: false });
    expect(await get(`/api/v1/meetings/${open.slug}`, await as('focal-point'))).toMatchObject({ update: false });
    expect(await get(`/api/v1/meetings/${open.slug}`, {})).toMatchObject({ update: false });
  });

  it('says on a user account what the reader may do with it: administrators manage, staff read', async () => {
    const other = await buildUser(ctx.database.db, { role: 'delegate', memberState: 'co' });
    expect(await get(`/api/v1/users/${other.id}`, await as('secretariat-admin'))).toEqual({
      manageGrants: true,
      deactivate: true,
      resendInvitation: true,
    });
    expect(await get(`/api/v1/users/${other.id}`, await as('secretariat-staff'))).toEqual({
      manageGrants: false,
      deactivate: false,
      resendInvitation: false,
    });
  });
});
