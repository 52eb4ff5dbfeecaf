import fc from 'fast-check';
import { expect, it } from 'vitest';
import { expectProblem, pathSegment } from '../../testing/api.js';
import { describeEachEngine } from '../../testing/harness.js';
import { callerOf } from '../../testing/sessions.js';

describeEachEngine('the workspace: bad input', (ctx) => {
  it('answers any meeting slug of the remind action with a problem document (404 or 400), never a 500, and writes nothing', {
    timeout: 120_000,
  }, async () => {
    const staff = await callerOf(ctx, 'secretariat-staff');
    const audit = () => ctx.database.db.selectFrom('audit_entry').select(['seq']).orderBy('seq').execute();
    const before = await audit();
    await fc.assert(
      fc.asyncProperty(pathSegment({ minLength: 1, maxLength: 300 }), async (slug) => {
        const res = await ctx.app.inject({
          method: 'POST',
          url: `/api/v1/meetings/${encodeURIComponent(slug)}/remind-states`,
          headers: staff,
        });
        expect([400, 404], `${JSON.stringify(slug)} → ${res.body.slice(0, 300)}`).toContain(res.statusCode);
        expectProblem(res, res.statusCode);
      }),
      { numRuns: 300, endOnFailure: true },
    );
    expect(await audit()).toEqual(before);
  });

  it('refuses a workspace language it does not speak with a 400 naming lang', async () => {
    const staff = await callerOf(ctx, 'secretariat-staff');
    const res = await ctx.app.inject({ url: '/api/v1/me/workspace?lang=de', headers: staff });
    const problem = expectProblem(res, 400) as unknown as { errors: Array<{ name: string }> };
    expect(problem.errors.map((e) => e.name)).toContain('lang');
  });
});
