import { expect, it } from 'vitest';
import { expectProblem } from '../../testing/api.js';
import { buildMeeting } from '../../testing/factories.js';
import { describeEachEngine } from '../../testing/harness.js';
import { callerWith, createMeeting, validMeeting } from './testing.js';

const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

describeEachEngine('GET /api/v1/calendar.ics', (ctx) => {
  it('is an RFC 5545 calendar of every meeting but drafts, historic ones as all-day events', async () => {
    const cancelled = await buildMeeting(ctx.database.db, { status: 'cancelled' });
    const draft = await buildMeeting(ctx.database.db, { status: 'draft' });
    const res = await ctx.app.inject({ url: '/api/v1/calendar.ics?lang=es' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const ics = unfold(res.body);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics).toContain('X-WR-CALNAME:Reuniones MISPA');
    const first = await ctx.database.db
      .selectFrom('meeting')
      .select(['id', 'start_date'])
      .where('slug', '=', 'mispa-i')
      .executeTakeFirstOrThrow();
    expect(ics).toContain(`UID:${first.id}@mispa-platform`);
    expect(ics).toContain(`DTSTART;VALUE=DATE:${first.start_date?.replaceAll('-', '')}`);
    expect(ics).toContain(`UID:${cancelled.id}@mispa-platform`);
    expect(ics).toContain('DTSTART;TZID=America/Santo_Domingo:');
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:America/Santo_Domingo');
    expect(ics).not.toContain(draft.id);
    const cancelledEvent = ics.slice(ics.indexOf(`UID:${cancelled.id}`));
    expect(cancelledEvent.slice(0, cancelledEvent.indexOf('END:VEVENT'))).toContain('STATUS:CANCELLED');
  });

  it('gives one meeting as its own calendar file, with a stable UID', async () => {
    const admin = await callerWith(ctx, 'secretariat-admin');
    const meeting = await createMeeting(ctx, admin, validMeeting({ name: { en: 'Ninth, with; commas\\' } }));
    await ctx.app.inject({ method: 'POST', url: `/api/v1/meetings/${meeting.slug}/convene`, headers: admin });
    const read = () => ctx.app.inject({ url: `/api/v1/meetings/${meeting.slug}/calendar.ics` });
    const res = await read();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${meeting.slug}.ics"`);
    const ics = unfold(res.body);
    expect(ics).toContain(`UID:${meeting.id}@mispa-platform`);
    expect(ics).toContain('SUMMARY:MISPA');
    expect(ics).toContain('Ninth\\, with\\; commas\\\\');
    expect(ics).toContain('DTSTART;TZID=America/Lima:20270315T090000');
    expect(ics).toContain('DTEND;TZID=America/Lima:20270317T180000');
    expect(unfold((await read()).body)).toContain(`UID:${meeting.id}@mispa-platform`);
  });

  it('answers 404 for an unknown meeting', async () => {
    expectProblem(await ctx.app.inject({ url: '/api/v1/meetings/mispa-z/calendar.ics' }), 404);
  });
});
