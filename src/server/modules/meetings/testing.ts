import type { Role } from '../../../contract/accounts.js';
import type { MeetingCreate } from '../../../contract/meetings.js';
import type { AppContext } from '../../testing/harness.js';
import { callerOf } from '../../testing/sessions.js';

/** What the meetings tests share: a caller of a role, and a valid meeting to create. */

/** Headers of a signed-in browser request by a new user of `role` (second factor passed). */
export const callerWith = (ctx: AppContext, role: Role, memberState?: string) =>
  callerOf(ctx, role, memberState || (role === 'focal-point' || role === 'delegate' ? 'pe' : {}));

let counter = 0;
// Consecutive numbers from a random start: unique within a test file's database (900 numerals),
// where random draws would collide once a file creates a few dozen meetings.
const first = Math.floor(Math.random() * 900);

/** A valid ministerial meeting with a fresh Roman numeral (hundreds upwards, so never MISPA I–VIII). */
export function validMeeting(overrides: Partial<MeetingCreate> = {}): MeetingCreate {
  counter++;
  const hundreds = ['C', 'CC', 'CCC', 'CD', 'D', 'DC', 'DCC', 'DCCC', 'CM'];
  const tens = ['', 'X', 'XX', 'XXX', 'XL', 'L', 'LX', 'LXX', 'LXXX', 'XC'];
  const units = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX'];
  const n = (first + counter) % 900;
  const number = `${'M'.repeat(Math.floor(n / 1000))}${hundreds[Math.floor(n / 100) % 9]}${tens[Math.floor(n / 10) % 10]}${units[n % 10]}`;
  return {
    kind: 'ministerial',
    number,
    name: { en: `Test Meeting ${number}`, es: `Reunión de prueba ${number}` },
    hostState: 'pe',
    city: 'Lima',
    venue: 'Centro de Convenciones, Lima',
    format: 'in-person',
    timeZone: 'America/Lima',
    start: '2027-03-15T09:00',
    end: '2027-03-17T18:00',
    registrationDeadline: '2027-03-01T23:59',
    workingLangs: ['es', 'en'],
    pillars: ['prevention'],
    ...overrides,
  };
}

export async function createMeeting(ctx: AppContext, headers: Record<string, string>, body = validMeeting()) {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/meetings', headers, payload: body });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return res.json() as { slug: string; version: number; id: string; status: string };
}

/** Everything a meeting write could touch, to prove a refused request changed nothing. */
export async function meetingSnapshot(ctx: AppContext) {
  const db = ctx.database.db;
  const [meetings, names, links, audit] = await Promise.all([
    db.selectFrom('meeting').selectAll().orderBy('id').execute(),
    db
      .selectFrom('translation')
      .selectAll()
      .where('entity_type', '=', 'meeting')
      .orderBy('entity_id')
      .orderBy('lang')
      .execute(),
    db
      .selectFrom('pillar_link')
      .selectAll()
      .where('entity_type', '=', 'meeting')
      .orderBy('entity_id')
      .orderBy('pillar_id')
      .execute(),
    db.selectFrom('audit_entry').select(['seq', 'hash']).orderBy('seq').execute(),
  ]);
  return { meetings, names, links, audit };
}
