import { expect, it } from 'vitest';
import { signIn } from '../modules/users/testing.js';
import { describeEachEngine } from '../testing/harness.js';
import {
  DEMO_PARTNER_EMAIL,
  DEMO_PARTNER_SLUG,
  DEMO_USERS,
  loadDemoUsers,
  prepareDemoUsers,
  randomDemoPassword,
} from './users.js';

const clock = () => new Date();
const DEMO_PASSWORD = 'demo passphrase for tests';

describeEachEngine('demo users (loadDemoUsers)', (ctx) => {
  it('creates the secretariat, two focal points, a delegate, and a partner bound to the demo partner organisation', async () => {
    const loaded = await loadDemoUsers(ctx.database.db, DEMO_PASSWORD, clock);
    expect(loaded.created).toEqual([
      'secretariat@demo.invalid',
      'focal.ec@demo.invalid',
      'focal.mx@demo.invalid',
      'delegate.co@demo.invalid',
      DEMO_PARTNER_EMAIL,
    ]);
    expect(loaded.skipped).toEqual([]);
    const users = await ctx.database.db
      .selectFrom('app_user')
      .innerJoin('role_grant', 'role_grant.user_id', 'app_user.id')
      .leftJoin('member_state', 'member_state.id', 'role_grant.member_state_id')
      .select(['app_user.email', 'app_user.status', 'app_user.demo', 'role_grant.role', 'member_state.slug'])
      .where('app_user.email', 'like', '%@demo.invalid')
      .orderBy('app_user.email')
      .execute();
    expect(users).toEqual([
      { email: 'delegate.co@demo.invalid', status: 'active', demo: 1, role: 'delegate', slug: 'co' },
      { email: 'focal.ec@demo.invalid', status: 'active', demo: 1, role: 'focal-point', slug: 'ec' },
      { email: 'focal.mx@demo.invalid', status: 'active', demo: 1, role: 'focal-point', slug: 'mx' },
      { email: DEMO_PARTNER_EMAIL, status: 'active', demo: 1, role: 'partner', slug: null },
      { email: 'secretariat@demo.invalid', status: 'active', demo: 1, role: 'secretariat-admin', slug: null },
    ]);
    const hashes = await ctx.database.db
      .selectFrom('app_user')
      .select('password_hash')
      .where('email', 'like', '%@demo.invalid')
      .execute();
    expect(new Set(hashes.map((h) => h.password_hash)).size).toBe(hashes.length);
  });

  it('lets the demo secretariat work without a second factor', async () => {
    const headers = { cookie: '', origin: 'http://localhost' };
    const reply = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'secretariat@demo.invalid', password: DEMO_PASSWORD },
    });
    expect(reply.statusCode).toBe(204);
    headers.cookie = String(reply.headers['set-cookie']).split(';')[0] as string;
    const me = await ctx.app.inject({ url: '/api/v1/me', headers });
    expect(me.json()).toMatchObject({ demo: true, twoFactor: { required: false, passed: true } });
    expect((await ctx.app.inject({ url: '/api/v1/users?role=focal-point', headers })).statusCode).toBe(200);
  });

  it('changes nothing when loaded again with the same password, and writes no audit entry', async () => {
    const entries = async () => (await ctx.database.db.selectFrom('audit_entry').select('id').execute()).length;
    const before = await entries();
    expect(await loadDemoUsers(ctx.database.db, DEMO_PASSWORD, clock)).toMatchObject({ created: [], updated: [] });
    expect(await entries()).toBe(before);
  });

  it('takes a new password, and restores a revoked grant or a deactivated demo user', async () => {
    const user = await ctx.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'focal.ec@demo.invalid')
      .executeTakeFirstOrThrow();
    await ctx.database.db
      .updateTable('role_grant')
      .set({ revoked_at: new Date().toISOString() })
      .where('user_id', '=', user.id)
      .execute();
    await ctx.database.db.updateTable('app_user').set({ status: 'deactivated' }).where('id', '=', user.id).execute();
    const password = randomDemoPassword();
    expect(password).toMatch(/^[\w-]{16}$/);
    const loaded = await loadDemoUsers(ctx.database.db, password, clock);
    expect(loaded.updated).toHaveLength(DEMO_USERS.length + 1);
    const focal = { id: user.id, email: 'focal.ec@demo.invalid', password };
    const headers = await signIn(ctx, focal);
    expect((await ctx.app.inject({ url: '/api/v1/me', headers })).json().grants).toEqual([
      expect.objectContaining({ role: 'focal-point', memberState: 'ec' }),
    ]);
    const [entry] = await ctx.database.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('action', '=', 'users.demo-load')
      .orderBy('seq', 'desc')
      .execute();
    expect(entry?.diff).not.toContain(password);
  });
});

describeEachEngine('the demo partner organisation', (ctx) => {
  it('binds partner@demo.invalid to a fictitious platform partner, created once, never to a real organisation', async () => {
    const at = new Date().toISOString();
    await ctx.database.db
      .insertInto('partner')
      .values({
        id: 'p-demo',
        slug: 'demo-bank',
        kind: 'development-bank',
        website: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const loaded = await loadDemoUsers(ctx.database.db, DEMO_PASSWORD, clock);
    expect(loaded.skipped).toEqual([]);
    expect(loaded.created).toContain(DEMO_PARTNER_EMAIL);
    await loadDemoUsers(ctx.database.db, DEMO_PASSWORD, clock);
    const partners = await ctx.database.db
      .selectFrom('partner')
      .select(['id', 'slug', 'managed_by'])
      .where('slug', '=', DEMO_PARTNER_SLUG)
      .execute();
    expect(partners).toEqual([{ id: expect.any(String), slug: DEMO_PARTNER_SLUG, managed_by: 'platform' }]);
    const grants = await ctx.database.db
      .selectFrom('role_grant')
      .innerJoin('app_user', 'app_user.id', 'role_grant.user_id')
      .select(['role_grant.role', 'role_grant.partner_id'])
      .where('app_user.email', '=', DEMO_PARTNER_EMAIL)
      .execute();
    expect(grants).toEqual([{ role: 'partner', partner_id: partners[0]?.id }]);
    const name = await ctx.app.inject({ url: `/api/v1/partners/${DEMO_PARTNER_SLUG}?lang=fr` });
    expect(name.json().name.text).toBe('Organisation partenaire de démonstration');
  });
});

describeEachEngine('what npm start prints in demo mode (prepareDemoUsers)', (ctx) => {
  it('in demo mode prints the demo users, the partner among them, and their random password', async () => {
    const lines = await prepareDemoUsers({ db: ctx.database.db, clock, password: null });
    const [, password] = /with the password (\S+) \(/.exec(lines[0] as string) ?? [];
    expect(lines[0]).toMatch(/^Demo mode: sign in as secretariat@demo\.invalid, focal\.ec@demo\.invalid/);
    expect(lines[0]).toMatch(/delegate\.co@demo\.invalid, partner@demo\.invalid with the password/);
    expect(lines.join('\n')).not.toMatch(/was not created/);
    const reply = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'delegate.co@demo.invalid', password },
    });
    expect(reply.statusCode).toBe(204);
    const withEnv = await prepareDemoUsers({ db: ctx.database.db, clock, password: DEMO_PASSWORD });
    expect(withEnv[0]).toMatch(/with the password in MISPA_DEMO_PASSWORD/);
    expect(withEnv.join('\n')).not.toContain(DEMO_PASSWORD);
  });
});
