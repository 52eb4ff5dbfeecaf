import { expect, it } from 'vitest';
import type { Role } from '../../../contract/accounts.js';
import {
  earliestAllowed,
  MEETING_STATUSES,
  TRANSITION_NAMES,
  type Transition,
  transitionsFrom,
} from '../../../domain/meetings.js';
import { expectAsCan } from '../../testing/api.js';
import { buildMeeting } from '../../testing/factories.js';
import { describeEachEngine } from '../../testing/harness.js';
import { ORIGIN } from '../../testing/sessions.js';
import { callerWith } from './testing.js';

/** The flag of `can` each lifecycle step answers to. */
const FLAG: Record<Transition, string> = {
  convene: 'convene',
  'open-registration': 'openRegistration',
  'close-registration': 'closeRegistration',
  start: 'start',
  conclude: 'conclude',
  cancel: 'cancel',
};

/**
 * The meeting detail's `can` against what the server then allows: for every kind of caller and
 * every status of a meeting still a month away, each flag is tried with the write it names.
 */
describeEachEngine('the `can` object of a meeting', (ctx) => {
  it.each(MEETING_STATUSES)(
    'on a %s meeting says which steps each caller may take, and the server agrees',
    async (status) => {
      const callers: Array<[string, Record<string, string>]> = [['public', { origin: ORIGIN }]];
      for (const role of ['focal-point', 'secretariat-staff', 'secretariat-admin'] as Role[]) {
        callers.push([role, await callerWith(ctx, role)]);
      }
      for (const [who, headers] of callers) {
        const fresh = () => buildMeeting(ctx.database.db, { status });
        const first = await fresh();
        const res = await ctx.app.inject({ url: `/api/v1/meetings/${first.slug}`, headers });
        if (res.statusCode !== 200) {
          // A draft is the secretariat's: no `can` to read, and no step to take.
          expect([status, res.statusCode], who).toEqual(['draft', 404]);
          const step = await ctx.app.inject({ method: 'POST', url: `/api/v1/meetings/${first.slug}/convene`, headers });
          expect(step.statusCode).toBeGreaterThanOrEqual(400);
          continue;
        }
        const { can, startsAt } = res.json();
        const mayStep = who === 'secretariat-admin' || (who === 'secretariat-staff' && status !== 'draft');
        for (const name of TRANSITION_NAMES) {
          const staffStep = name !== 'convene' && name !== 'cancel';
          const early = earliestAllowed(name, startsAt) !== null;
          const expected =
            transitionsFrom(status).includes(name) && !early && mayStep && (who === 'secretariat-admin' || staffStep);
          expect(can[FLAG[name]], `${who} ${name}`).toBe(expected);
          const meeting = await fresh();
          const url = `/api/v1/meetings/${meeting.slug}/${name}`;
          expectAsCan(can[FLAG[name]], await ctx.app.inject({ method: 'POST', url, headers, payload: {} }), who);
          if (early && transitionsFrom(status).includes(name)) {
            // Too early for the dates: only the override makes the step.
            expect(can.override, `${who} override`).toBe(who === 'secretariat-admin');
            const other = await fresh();
            const payload = { override: true, reason: 'The ministers arrived early.' };
            const overridden = await ctx.app.inject({
              method: 'POST',
              url: `/api/v1/meetings/${other.slug}/${name}`,
              headers,
              payload,
            });
            expectAsCan(can.override, overridden, `${who} override ${name}`);
          }
        }
        const open = status !== 'concluded' && status !== 'cancelled';
        const secretariat = who.startsWith('secretariat');
        expect(can.update, `${who} update`).toBe(open && secretariat);
        const meeting = await fresh();
        const edit = { version: 1, hostState: 'pe', city: 'Lima' };
        const url = `/api/v1/meetings/${meeting.slug}`;
        expectAsCan(
          can.update,
          await ctx.app.inject({ method: 'PATCH', url, headers, payload: edit }),
          `${who} update`,
        );
        if (!transitionsFrom(status).some((name) => earliestAllowed(name, startsAt) !== null)) {
          expect(can.override, `${who} override`).toBe(false);
        }
      }
    },
  );

  it.each(MEETING_STATUSES)(
    'on a %s meeting offers of its other areas what their own replies allow',
    async (status) => {
      const callers: Array<[string, Record<string, string>]> = [['public', {}]];
      for (const role of ['delegate', 'focal-point', 'partner', 'secretariat-staff', 'secretariat-admin'] as Role[]) {
        callers.push([role, await callerWith(ctx, role)]);
      }
      const meeting = await buildMeeting(ctx.database.db, { status });
      const read = async (rest: string, headers: Record<string, string>) => {
        const res = await ctx.app.inject({ url: `/api/v1/meetings/${meeting.slug}${rest}`, headers });
        return res.statusCode === 200 ? res.json().can : null;
      };
      for (const [who, headers] of callers) {
        const can = await read('', headers);
        if (can === null) continue; // a draft, not theirs to read
        const [agenda, documents, delegations, records] = await Promise.all(
          ['/agenda', '/documents', '/delegations', '/records'].map((rest) => read(rest, headers)),
        );
        // Each area's own flags are tried against its writes in that module's tests.
        expect(
          {
            editAgenda: can.editAgenda,
            overrideAgenda: can.overrideAgenda,
            addDocuments: can.addDocuments,
            register: can.register,
            registerOthers: can.registerOthers,
            manageRecords: can.manageRecords,
            commentOnRecords: can.commentOnRecords,
          },
          who,
        ).toEqual({
          editAgenda: agenda.edit,
          overrideAgenda: agenda.override,
          addDocuments: documents.create,
          register: delegations?.register ?? false,
          registerOthers: delegations?.registerOthers ?? false,
          manageRecords: records.manage,
          commentOnRecords: records.comment,
        });
      }
    },
  );
});
