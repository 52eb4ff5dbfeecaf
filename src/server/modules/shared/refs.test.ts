import { expect, it } from 'vitest';
import { buildMeeting } from '../../testing/factories.js';
import { describeEachEngine } from '../../testing/harness.js';
import { meetingRefs } from './refs.js';

describeEachEngine('references to meetings never name a draft', (ctx) => {
  it('meetingRefs leaves a draft out and keeps a convened meeting', async () => {
    const db = ctx.database.db;
    const [draft, convened] = await Promise.all([
      buildMeeting(db, { status: 'draft' }),
      buildMeeting(db, { status: 'convened' }),
    ]);
    const refs = await meetingRefs(db, [draft.id, convened.id, null]);
    expect([...refs.keys()]).toEqual([convened.id]);
    expect(refs.get(convened.id)?.slug).toBe(convened.slug);
  });

  it('a network born at a draft meeting and a group created at one show no origin to the public', async () => {
    const db = ctx.database.db;
    const draft = await buildMeeting(db, { status: 'draft' });
    const network = await db.selectFrom('network').select('slug').limit(1).executeTakeFirstOrThrow();
    const group = await db.selectFrom('technical_group').select('slug').limit(1).executeTakeFirstOrThrow();
    await db.updateTable('network').set({ origin_meeting_id: draft.id }).where('slug', '=', network.slug).execute();
    await db
      .updateTable('technical_group')
      .set({ created_at_meeting_id: draft.id })
      .where('slug', '=', group.slug)
      .execute();
    for (const url of [
      `/api/v1/networks/${network.slug}`,
      '/api/v1/networks?limit=100',
      `/api/v1/technical-groups/${group.slug}`,
      '/api/v1/technical-groups?limit=100',
    ]) {
      const res = await ctx.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain(draft.slug);
      expect(res.body, url).not.toContain(draft.id);
    }
    expect((await ctx.app.inject({ url: `/api/v1/networks/${network.slug}` })).json().origin).toBeNull();
    expect((await ctx.app.inject({ url: `/api/v1/technical-groups/${group.slug}` })).json().createdAt).toBeNull();
  });
});
