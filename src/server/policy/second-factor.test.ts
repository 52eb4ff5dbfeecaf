import { beforeAll, expect, it } from 'vitest';
import type { Role } from '../../contract/accounts.js';
import { ROLES } from '../../domain/accounts.js';
import { ADVISER, delegationApi } from '../modules/delegations/testing.js';
import { newTotpSecret } from '../modules/two-factor/totp.js';
import { buildMeeting, buildPartner, buildSession, buildUser } from '../testing/factories.js';
import { describeEachEngine } from '../testing/harness.js';
import { pdfText } from '../testing/pdf.js';
import { guardedRoutes } from './guard.js';
import { PERMISSIONS, type Rule } from './permissions.js';

/**
 * A session that has given the password but not yet the second factor (of a user who turned
 * two-factor on) may enrol or pass the factor and read its own account, nothing more: every API
 * route in the OpenAPI document is walked as such a session of each role, and each answer must be
 * a 403 where the route is protected, or exactly what an anonymous reader gets where it is public
 * (so no grant-dependent read, such as the delegations-only categories of a participant list,
 * shows more). The path parameters name a real meeting with grant-dependent content.
 */

const SAME_ORIGIN = { origin: 'http://localhost' };
const PLACEHOLDER_ID = '00000000-0000-7000-8000-000000000000';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** What a reply shows: a PDF's text (its bytes carry the time it was made), any other body whole. */
const comparable = (res: { headers: Record<string, unknown>; rawPayload: Buffer; body: string }) =>
  String(res.headers['content-type']).startsWith('application/pdf') ? pdfText(res.rawPayload) : res.body;

const BINDINGS: Record<Role, Parameters<typeof buildUser>[1]> = {
  'secretariat-admin': {},
  'secretariat-staff': {},
  'focal-point': { memberState: 'ec' },
  delegate: { memberState: 'ec' },
  'group-member': { technicalGroup: 'police-management' },
  partner: {},
};

describeEachEngine('a password-only session of a user with two-factor on, on every API route', (ctx) => {
  const h = delegationApi(ctx);
  let meetingSlug = '';
  let draftSlug = '';
  const users = new Map<Role, string>();

  beforeAll(async () => {
    const db = ctx.database.db;
    const meeting = await h.meeting();
    meetingSlug = meeting.slug;
    draftSlug = (await buildMeeting(db, { status: 'draft' })).slug;
    // Press entries are for delegations' eyes and guests for the secretariat's (the defaults).
    const staff = await h.as('secretariat-staff');
    for (const [category, organisation] of [
      ['press', 'Wire service'],
      ['guest', 'Guest house'],
    ]) {
      const res = await h.register(staff, meeting.slug, {
        category,
        organisation,
        participants: [{ ...ADVISER, name: `A ${category} participant` }],
        submit: true,
      });
      expect(res.statusCode, res.body).toBe(201);
      const done = await h.send('POST', `${h.base(meeting.slug)}/${res.json().id}/accredit`, staff, {
        version: 1,
        reason: 'Credentials handed over at the venue.',
      });
      expect(done.statusCode, done.body).toBe(200);
    }
    const document = await h.send('POST', `/api/v1/meetings/${meeting.slug}/documents`, staff, {
      category: 'working',
      titles: { en: 'For delegations only' },
      originalLang: 'en',
      visibility: 'delegations',
    });
    expect(document.statusCode, document.body).toBe(201);
    const partner = await buildPartner(db);
    for (const role of ROLES) {
      const binding = role === 'partner' ? { partner: partner.slug } : BINDINGS[role];
      users.set(role, (await buildUser(db, { role, ...binding, totpSecret: newTotpSecret() })).id);
    }
  });

  /** The URL of an OpenAPI path, with the meeting (or `meeting`) for every meeting and a placeholder for the rest. */
  const urlOf = (path: string, meeting: string) =>
    path
      .replace(/^\/api\/v1\/meetings\/\{idOrSlug\}/, `/api/v1/meetings/${meeting}`)
      .replace(/\{[^}]+\}/g, PLACEHOLDER_ID);

  it('refuses every protected route with 403 and answers every public read as it answers the public', {
    timeout: 180_000,
  }, async () => {
    const doc = (await ctx.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Partial<Record<(typeof METHODS)[number], unknown>>>;
    };
    const actions = new Map(guardedRoutes(ctx.app).map((r) => [`${r.method} ${r.url}`, r.action]));
    const mismatches: string[] = [];
    let walked = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        if (!operations[method]) continue;
        const action = actions.get(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
        expect(action, `${method} ${path} has an action`).toBeDefined();
        const rule: Rule = PERMISSIONS[action as keyof typeof PERMISSIONS];
        for (const meeting of [meetingSlug, draftSlug]) {
          const url = urlOf(path, meeting);
          const send = async (headers: Record<string, string>) =>
            ctx.app.inject({
              method: method.toUpperCase() as 'GET',
              url,
              headers,
              ...(method === 'get' || method === 'delete' ? {} : { payload: {} }),
            });
          const anonymous = method === 'get' ? await send({}) : null;
          for (const [role, userId] of users) {
            walked++;
            const res = await send({
              cookie: await buildSession(ctx.database.db, userId, { secondFactor: false }),
              ...SAME_ORIGIN,
            });
            const where = `${method.toUpperCase()} ${url} (${action}) as a ${role} before the second factor`;
            if (rule.beforeSecondFactor) continue; // Own account: enrol, pass the factor, sign out, read /me.
            if (!rule.public) {
              if (res.statusCode !== 403) mismatches.push(`${where}: ${res.statusCode}, expected 403`);
            } else if (anonymous && !(anonymous.statusCode === 401 && res.statusCode === 403)) {
              if (res.statusCode !== anonymous.statusCode || comparable(res) !== comparable(anonymous)) {
                mismatches.push(
                  `${where}: ${res.statusCode} ${res.body.slice(0, 300)}\n  the public gets ${anonymous.statusCode} ${anonymous.body.slice(0, 300)}`,
                );
              }
            }
          }
        }
      }
    }
    expect(walked).toBeGreaterThan(100);
    expect(mismatches).toEqual([]);
  });
});
