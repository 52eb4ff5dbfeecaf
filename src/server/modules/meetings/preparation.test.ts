import fc from 'fast-check';
import { expect, it } from 'vitest';
import { expectProblem } from '../../testing/api.js';
import { type AppContext, describeEachEngine } from '../../testing/harness.js';
import { callerWith, createMeeting, meetingSnapshot, validMeeting } from './testing.js';

/** A preparatory meeting's fields (no number), preparing `prepares` when given. */
const preparatory = (prepares?: string | null) =>
  validMeeting({
    kind: 'preparatory',
    number: null,
    name: { en: 'Preparatory meeting', es: 'Reunión preparatoria' },
    ...(prepares === undefined ? {} : { prepares }),
  });

const post = (ctx: AppContext, headers: Record<string, string>, payload: object) =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/meetings', headers, payload });
const get = async (ctx: AppContext, slug: string, headers: Record<string, string> = {}) =>
  ctx.app.inject({ url: `/api/v1/meetings/${slug}`, headers });
const convene = async (ctx: AppContext, headers: Record<string, string>, slug: string) => {
  const res = await ctx.app.inject({ method: 'POST', url: `/api/v1/meetings/${slug}/convene`, headers, payload: {} });
  expect(res.statusCode, res.body).toBe(200);
};

describeEachEngine('a preparatory meeting and the ministerial meeting it prepares', (ctx) => {
  it('links both ways, in the detail and the editable fields, and audits the link', async () => {
    const staff = await callerWith(ctx, 'secretariat-staff');
    const ministerial = await createMeeting(ctx, staff);
    const res = await post(ctx, staff, preparatory(ministerial.slug));
    expect(res.statusCode, res.body).toBe(201);
    const prep = res.json();
    expect(prep.prepares).toMatchObject({ slug: ministerial.slug, shortName: expect.stringMatching(/^MISPA /) });
    expect(prep.editable.prepares).toBe(ministerial.slug);
    expect(prep.preparedBy).toEqual([]);
    const target = (await get(ctx, ministerial.slug, staff)).json();
    expect(target.preparedBy).toEqual([{ id: prep.id, slug: prep.slug, shortName: 'Preparatory meeting', year: 2027 }]);
    expect(target.prepares).toBeNull();
    const audit = await ctx.database.db
      .selectFrom('audit_entry')
      .select('diff')
      .where('entity_id', '=', prep.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.diff).after.preparesMeetingId).toBe(ministerial.id);
  });

  it('is set, changed and removed by an edit naming the version', async () => {
    const staff = await callerWith(ctx, 'secretariat-staff');
    const [first, second] = [await createMeeting(ctx, staff), await createMeeting(ctx, staff)];
    const prep = await createMeeting(ctx, staff, preparatory());
    const edit = async (prepares: string | null, version: number) => {
      const res = await ctx.app.inject({
        method: 'PATCH',
        url: `/api/v1/meetings/${prep.slug}`,
        headers: staff,
        payload: { prepares, version },
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    let now = await edit(first.slug, prep.version);
    expect(now.prepares.slug).toBe(first.slug);
    now = await edit(second.slug, now.version);
    expect(now.prepares.slug).toBe(second.slug);
    expect((await get(ctx, first.slug, staff)).json().preparedBy).toEqual([]);
    now = await edit(null, now.version);
    expect(now.prepares).toBeNull();
    expect((await get(ctx, second.slug, staff)).json().preparedBy).toEqual([]);
  });

  it('shows the public neither end while it is a draft', async () => {
    const staff = await callerWith(ctx, 'secretariat-admin');
    const ministerial = await createMeeting(ctx, staff);
    const prep = await createMeeting(ctx, staff, preparatory(ministerial.slug));
    // The preparatory meeting convened, the ministerial one still a draft: the public sees no link.
    await convene(ctx, staff, prep.slug);
    const seen = (await get(ctx, prep.slug)).json();
    expect(seen.prepares).toBeNull();
    expect(seen.editable.prepares).toBeNull();
    expect(JSON.stringify(seen)).not.toContain(ministerial.slug);
    // Both convened: the link shows both ways.
    await convene(ctx, staff, ministerial.slug);
    expect((await get(ctx, prep.slug)).json().prepares.slug).toBe(ministerial.slug);
    expect((await get(ctx, ministerial.slug)).json().preparedBy.map((m: { slug: string }) => m.slug)).toEqual([
      prep.slug,
    ]);
    // A draft preparatory meeting is not listed on the ministerial meeting's page for the public.
    const draft = await createMeeting(ctx, staff, preparatory(ministerial.slug));
    expect((await get(ctx, ministerial.slug)).json().preparedBy.map((m: { slug: string }) => m.slug)).toEqual([
      prep.slug,
    ]);
    expect((await get(ctx, ministerial.slug, staff)).json().preparedBy.map((m: { slug: string }) => m.slug)).toEqual([
      prep.slug,
      draft.slug,
    ]);
  });

  it.each([
    ['a ministerial meeting', () => validMeeting({ prepares: 'mispa-i' }), 'prepares'],
    ['an unknown meeting', () => preparatory('mispa-xx'), 'prepares'],
    ['a preparatory meeting', () => preparatory('__PREP__'), 'prepares'],
    ['not a slug', () => preparatory('MISPA I'), 'prepares'],
  ])('refuses to link %s with 400 naming the field, writing nothing', async (_, body, field) => {
    const staff = await callerWith(ctx, 'secretariat-staff');
    const other = await createMeeting(ctx, staff, preparatory());
    const payload = JSON.parse(JSON.stringify(body()).replace('__PREP__', other.slug));
    const before = await meetingSnapshot(ctx);
    expectProblem(await post(ctx, staff, payload), 400, field);
    expect(await meetingSnapshot(ctx)).toEqual(before);
  });

  it('refuses arbitrary values of prepares with a 4xx problem, never a 500, writing nothing', async () => {
    const staff = await callerWith(ctx, 'secretariat-staff');
    const prep = await createMeeting(ctx, staff, preparatory());
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 80 }), fc.integer(), fc.constant(['mispa-i']), fc.object({ maxDepth: 1 })),
        async (prepares) => {
          const before = await meetingSnapshot(ctx);
          const res = await ctx.app.inject({
            method: 'PATCH',
            url: `/api/v1/meetings/${prep.slug}`,
            headers: staff,
            payload: { prepares, version: prep.version },
          });
          expect(res.statusCode, res.body).toBe(400);
          expectProblem(res, 400, 'prepares');
          expect(await meetingSnapshot(ctx)).toEqual(before);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('lets only the secretariat set it', async () => {
    const ministerial = await createMeeting(ctx, await callerWith(ctx, 'secretariat-staff'));
    for (const role of ['focal-point', 'delegate'] as const) {
      const headers = await callerWith(ctx, role, 'ec');
      expect((await post(ctx, headers, preparatory(ministerial.slug))).statusCode).toBe(403);
    }
    expect((await post(ctx, {}, preparatory(ministerial.slug))).statusCode).toBe(401);
  });
});
