import { expect, it } from 'vitest';
import { buildMeeting } from '../../testing/factories.js';
import { describeEachEngine } from '../../testing/harness.js';
import { callerOf } from '../../testing/sessions.js';

/** Every list whose `meeting` filter names a meeting. */
const LISTS = ['/api/v1/documents', '/api/v1/networks', '/api/v1/technical-groups'];

describeEachEngine('the meeting filter of every list follows the reader’s visibility (issue 11)', (ctx) => {
  it('answers a draft’s slug exactly like an unknown one to the public and to a focal point', async () => {
    const draft = await buildMeeting(ctx.database.db, { status: 'draft' });
    const unknown = 'meeting-0000000000';
    const focal = await callerOf(ctx, 'focal-point', 'pe');
    for (const list of LISTS) {
      for (const headers of [{}, focal]) {
        const asked = async (slug: string) => {
          const res = await ctx.app.inject({ method: 'GET', url: `${list}?meeting=${slug}&lang=en`, headers });
          return { status: res.statusCode, body: res.body.replaceAll(slug, '<slug>') };
        };
        const [ofDraft, ofUnknown] = await Promise.all([asked(draft.slug), asked(unknown)]);
        expect(ofDraft.status, list).toBe(400);
        expect(ofDraft, list).toEqual(ofUnknown);
        expect(ofDraft.body, list).not.toContain(draft.slug);
        expect(ofDraft.body, list).toContain('mispa-vii');
      }
    }
  });

  it('lets the secretariat filter by a draft and lists the drafts among the values allowed', async () => {
    const draft = await buildMeeting(ctx.database.db, { status: 'draft' });
    const secretariat = await callerOf(ctx, 'secretariat-staff');
    for (const list of LISTS) {
      const res = await ctx.app.inject({ method: 'GET', url: `${list}?meeting=${draft.slug}`, headers: secretariat });
      expect(res.statusCode, list).toBe(200);
      expect(res.json().items, list).toEqual([]);
      const refused = await ctx.app.inject({ method: 'GET', url: `${list}?meeting=zzz`, headers: secretariat });
      expect(refused.statusCode, list).toBe(400);
      expect(refused.body, list).toContain(draft.slug);
    }
  });
});
