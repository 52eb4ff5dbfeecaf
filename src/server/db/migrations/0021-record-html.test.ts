import { expect, it } from 'vitest';
import { buildMeeting } from '../../testing/factories.js';
import { describeEachEngine } from '../../testing/harness.js';
import { down, up } from './0021-record-html.js';

describeEachEngine('migration 0021: minutes and reports as HTML', (ctx) => {
  it('turns a plain-text body into escaped paragraphs, and back', async () => {
    const db = ctx.database.db;
    const meeting = await buildMeeting(db, { status: 'concluded' });
    const at = new Date().toISOString();
    const plain = 'The chair opened the session.\nQuorum: 30 < 35 & rising.\n\n  \n\nThe <b>host</b> spoke.';
    await db
      .insertInto('meeting_record')
      .values({
        id: `record-${ctx.engine}`,
        meeting_id: meeting.id,
        kind: 'minutes',
        version: 1,
        status: 'final',
        lang: 'en',
        body: plain,
        created_by: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const body = async () =>
      (
        await db
          .selectFrom('meeting_record')
          .select('body')
          .where('meeting_id', '=', meeting.id)
          .executeTakeFirstOrThrow()
      ).body;
    await up(db);
    expect(await body()).toBe(
      '<p>The chair opened the session.<br>Quorum: 30 &lt; 35 &amp; rising.</p><p>The &lt;b&gt;host&lt;/b&gt; spoke.</p>',
    );
    await down(db);
    expect(await body()).toBe('The chair opened the session.\nQuorum: 30 < 35 & rising.\n\nThe <b>host</b> spoke.');
  });
});
