import fc from 'fast-check';
import { expect, it } from 'vitest';
import { NotificationPreferencesUpdateSchema } from '../../../contract/notifications.js';
import { NOTIFICATION_FREQUENCIES, NOTIFICATION_KINDS } from '../../../domain/notifications.js';
import { expectProblem, nastyValues, pathSegment } from '../../testing/api.js';
import { expectMalformedBodiesRefused } from '../../testing/bad-input.js';
import { buildUser } from '../../testing/factories.js';
import { describeEachEngine } from '../../testing/harness.js';
import { openSession } from '../../testing/sessions.js';

const RUNS = 500;
// About 2 s a test on an idle machine; the margin is for a machine busy with other test files.
const FUZZ_TIMEOUT = 90_000;

describeEachEngine(
  'notification endpoints: malformed requests',
  (ctx) => {
    const signedIn = async () => {
      const user = await buildUser(ctx.database.db, { role: 'secretariat-staff' });
      return (await openSession(ctx.database.db, user.id, { secondFactor: true })).headers;
    };
    const snapshot = async () => {
      const db = ctx.database.db;
      const [preferences, notices, audit] = await Promise.all([
        db.selectFrom('notification_preference').selectAll().orderBy('user_id').orderBy('kind').execute(),
        db.selectFrom('notification').select(['id', 'read_at']).orderBy('id').execute(),
        db.selectFrom('audit_entry').select(['seq']).orderBy('seq').execute(),
      ]);
      return { preferences, notices, audit };
    };

    it(
      `refuses ${RUNS} malformed bodies to PATCH /me/notification-preferences with 4xx problems, changing nothing`,
      async () => {
        const sent = await expectMalformedBodiesRefused(ctx, {
          method: 'PATCH',
          url: '/api/v1/me/notification-preferences',
          headers: await signedIn(),
          schema: NotificationPreferencesUpdateSchema,
          fields: [...NOTIFICATION_KINDS],
          values: [...NOTIFICATION_FREQUENCIES, 'weekly', 'Daily', '', null, 1, true, ...nastyValues('frequency')],
          numRuns: RUNS,
          snapshot,
        });
        expect(sent).toBe(RUNS);
      },
      FUZZ_TIMEOUT,
    );

    it(
      `refuses ${RUNS} malformed or unknown ids to POST /me/notifications/{id}/read with 400 or 404, marking nothing`,
      async () => {
        const headers = await signedIn();
        const before = await snapshot();
        const ids = fc
          .oneof(pathSegment({ maxLength: 300 }), fc.uuid(), fc.constantFrom(...nastyValues('notification')))
          .filter((s) => s !== '');
        await fc.assert(
          fc.asyncProperty(ids, async (id) => {
            const res = await ctx.app.inject({
              method: 'POST',
              url: `/api/v1/me/notifications/${encodeURIComponent(id)}/read`,
              headers,
            });
            expect([400, 404], `${JSON.stringify(id)} → ${res.body.slice(0, 300)}`).toContain(res.statusCode);
            expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          }),
          { numRuns: RUNS },
        );
        expect(await snapshot()).toEqual(before);
      },
      FUZZ_TIMEOUT,
    );

    it('refuses a bad list query naming the parameter', async () => {
      const headers = await signedIn();
      const notAKey = Buffer.from('[1]').toString('base64url');
      for (const query of ['unread=yes', 'limit=0', 'limit=101', 'limit=x', 'cursor=abc', `cursor=${notAKey}`]) {
        const res = await ctx.app.inject({ url: `/api/v1/me/notifications?${query}`, headers });
        expectProblem(res, 400, query.split('=')[0]);
      }
    });
  },
  () => ({ notificationMail: false }),
);
