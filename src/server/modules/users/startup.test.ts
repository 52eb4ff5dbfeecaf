import { expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { buildUser } from '../../testing/factories.js';
import { describeEachEngine, webRoot } from '../../testing/harness.js';
import { hasActiveAdministrator, prepareAccounts } from './startup.js';

const clock = () => new Date();
const tokenOf = (text: string) => /\/invitation\/([\w-]+)/.exec(text)?.[1] as string;

describeEachEngine('what npm start prepares (prepareAccounts)', (ctx) => {
  const publicUrl = 'https://mispa.example.org';

  it('prints a one-time link to create the first administrator when there is none, and it works', async () => {
    expect(await hasActiveAdministrator(ctx.database.db)).toBe(false);
    const lines = await prepareAccounts({ db: ctx.database.db, clock, publicUrl });
    expect(lines[0]).toMatch(
      /^No secretariat administrator yet\..*https:\/\/mispa\.example\.org\/en\/invitation\/[\w-]{43}$/,
    );
    expect(lines[1]).toMatch(/npm run user:create -- --email .* --role secretariat-admin/);
    const token = tokenOf(lines[0] as string);
    const reply = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${token}/accept`,
      payload: { email: 'first@example.test', displayName: 'First', password: 'the very first administrator' },
    });
    expect(reply.statusCode, reply.body).toBe(204);
    expect(await hasActiveAdministrator(ctx.database.db)).toBe(true);
  });

  it('prints nothing once an active administrator exists', async () => {
    await buildUser(ctx.database.db, { role: 'secretariat-admin' });
    expect(await prepareAccounts({ db: ctx.database.db, clock, publicUrl })).toEqual([]);
  });
});

describeEachEngine('GET /api/v1/settings/public', (ctx) => {
  it('tells anyone that demo mode is off by default', async () => {
    const reply = await ctx.app.inject({ url: '/api/v1/settings/public' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({ demo: false });
  });

  it('tells anyone that demo mode is on when the app runs in it', async () => {
    const demo = await buildApp({ db: ctx.database.db, engine: ctx.engine, version: 'test', webRoot, demo: true });
    try {
      expect((await demo.inject({ url: '/api/v1/settings/public' })).json()).toEqual({ demo: true });
    } finally {
      await demo.close();
    }
  });
});
