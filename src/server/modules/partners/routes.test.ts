import fs from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import type { PartnerDetail } from '../../../contract/partners.js';
import { ELF_BYTES, filesLeftIn, MZ_BYTES, PNG_BYTES, pdfBytes } from '../../files/testing.js';
import { expectAsCan, expectProblem, expectProblemDocument } from '../../testing/api.js';
import { buildDelegation, buildMeeting, buildPartner, buildUser } from '../../testing/factories.js';
import { type AppContext, describeEachEngine } from '../../testing/harness.js';
import { callerOf } from '../../testing/sessions.js';
import { auditOf, everyCaller } from '../agenda/testing.js';
import { createPartner, newPartner, partnerFiles, partnerSnapshot, putLogo } from './testing.js';

const files = partnerFiles();
afterAll(() => fs.rmSync(files.dir, { recursive: true, force: true }));

/** A partner as the reference files would load it, read-only on the platform. */
const referencePartner = async (ctx: AppContext) =>
  (await buildPartner(ctx.database.db, { kind: 'development-bank', name: 'Reference Bank', managedBy: 'reference' }))
    .slug;

describeEachEngine(
  'partners: the secretariat administrator’s writes',
  (ctx) => {
    const admin = () => callerOf(ctx, 'secretariat-admin');

    it('creates a partner with its names, kind, website and pillars, lists it publicly and audits it', async () => {
      const headers = await admin();
      const body = newPartner({ name: { en: 'Andean Observatory', fr: 'Observatoire andin' } });
      const created = await createPartner(ctx, headers, body);
      expect(created).toMatchObject({
        slug: body.slug,
        kind: 'international-organisation',
        name: { text: 'Andean Observatory', lang: 'en', official: true },
        names: { en: 'Andean Observatory', fr: 'Observatoire andin' },
        website: 'https://partner.example.org',
        pillars: [{ code: 'prevention' }],
        managedBy: 'platform',
        logoUrl: null,
      });
      const list = await ctx.app.inject({ url: '/api/v1/partners?lang=fr' });
      const item = list.json().items.find((p: PartnerDetail) => p.slug === body.slug);
      expect(item.name).toEqual({ text: 'Observatoire andin', lang: 'fr', official: true });
      expect(item).not.toHaveProperty('names');
      expect((await ctx.app.inject({ url: `/api/v1/partners/${body.slug}?lang=es` })).json().name.lang).toBe('en');
      const filtered = await ctx.app.inject({ url: '/api/v1/partners?pillar=prevention' });
      expect(filtered.json().items.map((p: PartnerDetail) => p.slug)).toContain(body.slug);
      const other = await ctx.app.inject({ url: '/api/v1/partners?pillar=police-management' });
      expect(other.json().items.map((p: PartnerDetail) => p.slug)).not.toContain(body.slug);
      const [entry] = await auditOf(ctx.database.db, created.id);
      expect(entry).toMatchObject({
        action: 'partners.create',
        actor_role: 'secretariat-admin',
        entity_type: 'partner',
      });
    });

    it('derives the slug from the name, made unique, and names a partner given in one language only by it', async () => {
      const headers = await admin();
      const name = { es: `Banco Ñandú de Integración ${Date.now()}` };
      const first = await createPartner(ctx, headers, { kind: 'development-bank', name });
      const second = await createPartner(ctx, headers, { kind: 'development-bank', name });
      expect(first.slug).toMatch(/^banco-nandu-de-integracion-\d+$/);
      expect(second.slug).toBe(`${first.slug}-2`);
      expect(first).toMatchObject({ website: null, pillars: [], name: { text: name.es, lang: 'es' } });
    });

    it('refuses a slug already taken with 409, and an unknown pillar with 400 naming it, writing nothing', async () => {
      const headers = await admin();
      const taken = await createPartner(ctx, headers);
      const before = await partnerSnapshot(ctx.database.db);
      const exists = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/partners',
        headers,
        payload: newPartner({ slug: taken.slug }),
      });
      expect(expectProblemDocument(exists, 409).detail).toContain(taken.slug);
      const pillar = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/partners',
        headers,
        payload: newPartner({ pillars: ['prevention', 'cyber'] }),
      });
      expect(expectProblem(pillar, 400, 'pillars.1').detail).toContain('police-management');
      expect(await partnerSnapshot(ctx.database.db)).toEqual(before);
    });

    it('edits with the updatedAt read; a stale one is a 409 carrying the current record, changing nothing', async () => {
      const headers = await admin();
      const created = await createPartner(ctx, headers);
      const url = `/api/v1/partners/${created.slug}`;
      const edited = await ctx.app.inject({
        method: 'PATCH',
        url,
        headers,
        payload: {
          updatedAt: created.updatedAt,
          name: { pt: 'Parceiro' },
          kind: 'academia',
          website: null,
          pillars: [],
        },
      });
      expect(edited.statusCode, edited.body).toBe(200);
      const now = edited.json() as PartnerDetail;
      expect(now).toMatchObject({ names: { pt: 'Parceiro' }, kind: 'academia', website: null, pillars: [] });
      expect(now.updatedAt > created.updatedAt).toBe(true);
      const before = await partnerSnapshot(ctx.database.db);
      const stale = await ctx.app.inject({
        method: 'PATCH',
        url,
        headers,
        payload: { updatedAt: created.updatedAt, kind: 'government' },
      });
      const problem = expectProblemDocument(stale, 409) as unknown as {
        currentVersion: string;
        current: PartnerDetail;
      };
      expect(problem.currentVersion).toBe(now.updatedAt);
      expect(problem.current).toMatchObject({ slug: created.slug, kind: 'academia' });
      expect(await partnerSnapshot(ctx.database.db)).toEqual(before);
      const [, update] = await auditOf(ctx.database.db, created.id);
      expect(update).toMatchObject({ action: 'partners.update' });
      expect(JSON.parse(update?.diff as string).before).toMatchObject({ kind: 'international-organisation' });
    });

    it('keeps reference partners read-only: edits, deletion and logos are a 409', async () => {
      const headers = await admin();
      const slug = await referencePartner(ctx);
      const read = (await ctx.app.inject({ url: `/api/v1/partners/${slug}` })).json() as PartnerDetail;
      expect(read.managedBy).toBe('reference');
      const before = { rows: await partnerSnapshot(ctx.database.db), disk: filesLeftIn(files.dir) };
      const url = `/api/v1/partners/${slug}`;
      for (const res of [
        await ctx.app.inject({
          method: 'PATCH',
          url,
          headers,
          payload: { updatedAt: read.updatedAt, kind: 'academia' },
        }),
        await ctx.app.inject({ method: 'DELETE', url, headers }),
        await putLogo(ctx, headers, slug),
        await ctx.app.inject({ method: 'DELETE', url: `${url}/logo`, headers }),
      ]) {
        expect(expectProblemDocument(res, 409).detail).toMatch(/reference data/);
      }
      expect({ rows: await partnerSnapshot(ctx.database.db), disk: filesLeftIn(files.dir) }).toEqual(before);
    });

    it('deletes an unused partner with its names and pillar links, and audits it', async () => {
      const headers = await admin();
      const created = await createPartner(ctx, headers);
      const res = await ctx.app.inject({ method: 'DELETE', url: `/api/v1/partners/${created.slug}`, headers });
      expect(res.statusCode, res.body).toBe(204);
      expectProblemDocument(await ctx.app.inject({ url: `/api/v1/partners/${created.slug}` }), 404);
      const rows = await partnerSnapshot(ctx.database.db);
      expect(rows.names.filter((n) => n.entity_id === created.id)).toEqual([]);
      expect(rows.pillars.filter((p) => p.entity_id === created.id)).toEqual([]);
      expect((await auditOf(ctx.database.db, created.id)).map((e) => e.action)).toEqual([
        'partners.create',
        'partners.delete',
      ]);
      expectProblemDocument(await ctx.app.inject({ method: 'DELETE', url: '/api/v1/partners/no-such', headers }), 404);
    });

    it('refuses to delete a partner a role grant (even revoked) or a delegation points at, saying so', async () => {
      const headers = await admin();
      const granted = await createPartner(ctx, headers);
      const user = await buildUser(ctx.database.db, { role: 'partner', partner: granted.slug });
      await ctx.database.db
        .updateTable('role_grant')
        .set({ revoked_at: new Date().toISOString() })
        .where('user_id', '=', user.id)
        .execute();
      const observer = await createPartner(ctx, headers);
      const meeting = await buildMeeting(ctx.database.db);
      await buildDelegation(ctx.database.db, meeting.id, { partnerId: observer.id }, 'draft');
      const before = await partnerSnapshot(ctx.database.db);
      const byGrant = await ctx.app.inject({ method: 'DELETE', url: `/api/v1/partners/${granted.slug}`, headers });
      expect(expectProblemDocument(byGrant, 409).detail).toMatch(/1 role grant\(s\).*0 meeting delegation/);
      const byDelegation = await ctx.app.inject({
        method: 'DELETE',
        url: `/api/v1/partners/${observer.slug}`,
        headers,
      });
      expect(expectProblemDocument(byDelegation, 409).detail).toMatch(/0 role grant\(s\).*1 meeting delegation/);
      expect(await partnerSnapshot(ctx.database.db)).toEqual(before);
    });

    it('lets the users module grant the partner role bound to a platform partner, and only to an existing one', async () => {
      const headers = await admin();
      const created = await createPartner(ctx, headers);
      const user = await buildUser(ctx.database.db);
      const url = `/api/v1/users/${user.id}/grants`;
      const granted = await ctx.app.inject({
        method: 'POST',
        url,
        headers,
        payload: { role: 'partner', partner: created.slug },
      });
      expect(granted.statusCode, granted.body).toBe(201);
      expect(granted.json()).toMatchObject({ role: 'partner', partner: created.slug });
      const unknown = await ctx.app.inject({
        method: 'POST',
        url,
        headers,
        payload: { role: 'partner', partner: 'gone' },
      });
      expectProblem(unknown, 400, 'partner');
      const missing = await ctx.app.inject({ method: 'POST', url, headers, payload: { role: 'partner' } });
      expectProblem(missing, 400);
    });

    it('uploads a logo, serves it publicly with caching headers, replaces and removes it', async () => {
      const headers = await admin();
      const created = await createPartner(ctx, headers);
      const uploaded = await putLogo(ctx, headers, created.slug);
      expect(uploaded.statusCode, uploaded.body).toBe(200);
      const withLogo = uploaded.json() as PartnerDetail;
      expect(withLogo.logoUrl).toMatch(new RegExp(`^/api/v1/partners/${created.slug}/logo\\?v=`));
      const served = await ctx.app.inject({ url: withLogo.logoUrl as string });
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe('image/png');
      expect(served.headers['cache-control']).toBe('public, no-cache');
      expect(served.headers['x-content-type-options']).toBe('nosniff');
      expect(served.rawPayload.equals(PNG_BYTES)).toBe(true);
      const revalidated = await ctx.app.inject({
        url: withLogo.logoUrl as string,
        headers: { 'if-none-match': String(served.headers.etag) },
      });
      expect(revalidated.statusCode).toBe(304);
      const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 7)]);
      const replaced = (await putLogo(ctx, headers, created.slug, jpeg, 'logo.jpg')).json() as PartnerDetail;
      expect(replaced.logoUrl).not.toBe(withLogo.logoUrl);
      expect((await ctx.app.inject({ url: replaced.logoUrl as string })).headers['content-type']).toBe('image/jpeg');
      const list = (await ctx.app.inject({ url: '/api/v1/partners' })).json().items as PartnerDetail[];
      expect(list.find((p) => p.slug === created.slug)?.logoUrl).toBe(replaced.logoUrl);
      const removed = await ctx.app.inject({ method: 'DELETE', url: `/api/v1/partners/${created.slug}/logo`, headers });
      expect(removed.statusCode).toBe(204);
      expect((await ctx.app.inject({ url: `/api/v1/partners/${created.slug}` })).json().logoUrl).toBeNull();
      expectProblemDocument(await ctx.app.inject({ url: `/api/v1/partners/${created.slug}/logo` }), 404);
      expect((await auditOf(ctx.database.db, created.id)).map((e) => e.action)).toEqual([
        'partners.create',
        'partners.logo',
        'partners.logo',
        'partners.logo-remove',
      ]);
    });

    it('refuses non-images, renamed programs and logos over 1 MB, leaving nothing on disk or in the database', async () => {
      const headers = await admin();
      const created = await createPartner(ctx, headers);
      const before = { rows: await partnerSnapshot(ctx.database.db), disk: filesLeftIn(files.dir) };
      const oversize = Buffer.concat([PNG_BYTES, Buffer.alloc(1024 * 1024, 1)]);
      for (const [data, name, status, detail] of [
        [ELF_BYTES, 'logo.png', 415, /program/],
        [MZ_BYTES, 'logo.jpg', 415, /program/],
        [pdfBytes(), 'logo.png', 415, /PNG, JPEG, WEBP/],
        [
          Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
          'logo.svg',
          415,
          /PNG/,
        ],
        [oversize, 'big.png', 413, /larger than 1 MB/],
      ] as const) {
        const res = await putLogo(ctx, headers, created.slug, data, name);
        expect(expectProblemDocument(res, status).detail).toMatch(detail);
      }
      expectProblemDocument(await putLogo(ctx, headers, 'no-such-partner'), 404);
      expect({ rows: await partnerSnapshot(ctx.database.db), disk: filesLeftIn(files.dir) }).toEqual(before);
    });
  },
  files.options,
);

describeEachEngine(
  'partners: who may write',
  (ctx) => {
    it('refuses visitors with 401, secretariat staff, focal points and read-only tokens with 403, and lets the admin', async () => {
      const callers = await everyCaller(ctx);
      const created = await createPartner(ctx, callers.admin);
      const url = `/api/v1/partners/${created.slug}`;
      const requests = [
        { method: 'POST' as const, url: '/api/v1/partners', payload: newPartner() },
        { method: 'PATCH' as const, url, payload: { updatedAt: created.updatedAt, kind: 'academia' } },
        { method: 'PUT' as const, url: `${url}/logo` },
        { method: 'DELETE' as const, url: `${url}/logo` },
        { method: 'DELETE' as const, url },
      ];
      const before = await partnerSnapshot(ctx.database.db);
      for (const request of requests) {
        const as = (headers: Record<string, string>) => ctx.app.inject({ ...request, headers });
        expectProblemDocument(await as(callers.public), 401);
        for (const refused of [callers.staff, callers.focalPoint, callers.delegate]) {
          expect(expectProblemDocument(await as(refused), 403).detail).toContain('partners.manage');
        }
        expect(expectProblemDocument(await as(callers.readToken), 403).detail).toMatch(/may only read/);
      }
      expect(await partnerSnapshot(ctx.database.db)).toEqual(before);
      const allowed = [];
      for (const request of requests) {
        if (request.method === 'PUT') allowed.push((await putLogo(ctx, callers.admin, created.slug)).statusCode);
        else allowed.push((await ctx.app.inject({ ...request, headers: callers.admin })).statusCode);
      }
      expect(allowed).toEqual([201, 200, 200, 204, 204]);
    });
  },
  files.options,
);

describeEachEngine(
  'partners: the detail’s `can` object',
  (ctx) => {
    it('says who may edit, change the logo of and delete a partner, and the server allows exactly that', async () => {
      const callers = await everyCaller(ctx);
      for (const [who, headers] of Object.entries(callers)) {
        const partner = await createPartner(ctx, callers.admin, newPartner({ slug: `can-${who.toLowerCase()}` }));
        const url = `/api/v1/partners/${partner.slug}`;
        const { can } = (await ctx.app.inject({ url, headers })).json();
        const admin = who === 'admin';
        expect(can, who).toEqual({ update: admin, logo: admin, delete: admin });
        const patch = { updatedAt: partner.updatedAt, website: 'https://changed.example.org' };
        expectAsCan(can.update, await ctx.app.inject({ method: 'PATCH', url, headers, payload: patch }), who);
        expectAsCan(can.logo, await putLogo(ctx, headers, partner.slug), `${who} logo`);
        expectAsCan(can.logo, await ctx.app.inject({ method: 'DELETE', url: `${url}/logo`, headers }), `${who} logo`);
        expectAsCan(can.delete, await ctx.app.inject({ method: 'DELETE', url, headers }), `${who} delete`);
      }
    });

    it('says a reference partner, and one a grant still names, cannot be changed or deleted', async () => {
      const headers = await callerOf(ctx, 'secretariat-admin');
      const reference = await referencePartner(ctx);
      const fixed = (await ctx.app.inject({ url: `/api/v1/partners/${reference}`, headers })).json();
      expect(fixed.can).toEqual({ update: false, logo: false, delete: false });
      const patch = { updatedAt: fixed.updatedAt, website: 'https://changed.example.org' };
      const url = `/api/v1/partners/${reference}`;
      expectAsCan(fixed.can.update, await ctx.app.inject({ method: 'PATCH', url, headers, payload: patch }), 'update');
      expectAsCan(fixed.can.logo, await putLogo(ctx, headers, reference), 'logo');
      expectAsCan(fixed.can.delete, await ctx.app.inject({ method: 'DELETE', url, headers }), 'delete');
      const named = await createPartner(ctx, headers, newPartner({ slug: 'can-named' }));
      await callerOf(ctx, 'partner', { partner: named.slug });
      const used = (await ctx.app.inject({ url: '/api/v1/partners/can-named', headers })).json();
      expect(used.can).toEqual({ update: true, logo: true, delete: false });
      const refused = await ctx.app.inject({ method: 'DELETE', url: '/api/v1/partners/can-named', headers });
      expectAsCan(used.can.delete, refused, 'delete one in use');
    });
  },
  files.options,
);
