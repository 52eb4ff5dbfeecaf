import { expect, it } from 'vitest';
import { buildApiToken, buildMeeting, buildUser } from '../testing/factories.js';
import { type AppContext, describeEachEngine } from '../testing/harness.js';
import { callerOf } from '../testing/sessions.js';

/** A value for each path parameter of the API, real where one exists so most reads answer 200. */
const PARAMETERS: Record<string, string> = {
  idOrSlug: 'mispa-vii',
  idOrCode: 'prevention',
  kind: 'minutes',
  n: '1',
  lang: 'en',
  token: 'not-a-token',
};

/** Every GET path of the OpenAPI document, with its parameters filled in. */
async function everyGetPath(ctx: AppContext): Promise<string[]> {
  const document = (await ctx.app.inject({ url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(document.paths)
    .filter(([, operations]) => 'get' in operations)
    .map(([path]) =>
      path.replace(/\{(\w+)\}/g, (_, name: string) => PARAMETERS[name] ?? '01890000-0000-7000-8000-000000000000'),
    );
}

describeEachEngine('Cache-Control of every read (issue 11)', (ctx) => {
  it('makes every reply to a signed-in reader private, by session or by API token', async () => {
    const session = await callerOf(ctx, 'secretariat-admin');
    const user = await buildUser(ctx.database.db, { role: 'secretariat-admin' });
    const token = { authorization: await buildApiToken(ctx.database.db, user.id, 'read') };
    const paths = await everyGetPath(ctx);
    expect(paths.length).toBeGreaterThan(30);
    for (const path of paths) {
      for (const headers of [session, token]) {
        const res = await ctx.app.inject({ method: 'GET', url: path, headers });
        expect(res.headers['cache-control'], `${path} ${res.statusCode}`).toMatch(/\b(private|no-store)\b/);
        // Asked again, the reply kept by the server (and its ETag) says so too.
        const again = await ctx.app.inject({ method: 'GET', url: path, headers });
        expect(again.headers['cache-control'], `${path} again`).toMatch(/\b(private|no-store)\b/);
      }
    }
  });

  it('leaves the public’s replies cacheable, keyed on the credentials a reader could send', async () => {
    let publicReads = 0;
    for (const path of await everyGetPath(ctx)) {
      const res = await ctx.app.inject({ method: 'GET', url: path });
      expect(res.headers.vary, path).toMatch(/Cookie, Authorization/);
      if (res.statusCode !== 200) continue;
      publicReads++;
      expect(res.headers['cache-control'] ?? '', path).not.toMatch(/private/);
    }
    expect(publicReads).toBeGreaterThan(15);
  });

  it('keeps the secretariat’s view of a draft meeting and its calendar file private', async () => {
    const draft = await buildMeeting(ctx.database.db, { status: 'draft' });
    const secretariat = await callerOf(ctx, 'secretariat-staff');
    for (const url of [`/api/v1/meetings/${draft.slug}`, `/api/v1/meetings/${draft.slug}/calendar.ics`]) {
      const res = await ctx.app.inject({ method: 'GET', url, headers: secretariat });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('private, no-cache');
      expect(res.headers.vary, url).toMatch(/Cookie, Authorization/);
    }
  });
});
