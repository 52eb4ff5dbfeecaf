import { expect } from 'vitest';
import type { Role } from '../../../contract/accounts.js';
import type { ParticipantInput } from '../../../contract/delegations.js';
import { buildMeeting } from '../../testing/factories.js';
import type { AppContext } from '../../testing/harness.js';
import { callerOf } from '../../testing/sessions.js';

/** What the delegation tests share: callers by role and requests to the API. */

export const HEAD: ParticipantInput = {
  role: 'head',
  name: 'María Pérez',
  title: 'Minister of Security',
  institution: 'Ministry of the Interior',
  email: 'maria@example.test',
};
export const ADVISER: ParticipantInput = { role: 'adviser', name: 'Jean Dupont', title: null, institution: null };

export function delegationApi(ctx: AppContext) {
  const db = () => ctx.database.db;
  /** The headers of a browser request by a user with `role` (bound to a state or partner slug). */
  const as = (role: Role, options: { memberState?: string; partner?: string } = {}) => callerOf(ctx, role, options);
  const base = (slug: string) => `/api/v1/meetings/${slug}/delegations`;
  const send = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ) => ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const register = (headers: Record<string, string>, slug: string, payload: object) =>
    send('POST', base(slug), headers, payload);
  /** Registers Ecuador's delegation (or `memberState`'s) and returns it; fails the test otherwise. */
  const registered = async (
    headers: Record<string, string>,
    slug: string,
    options: { memberState?: string; submit?: boolean; participants?: ParticipantInput[] } = {},
  ) => {
    const res = await register(headers, slug, {
      category: 'delegation',
      memberState: options.memberState ?? 'ec',
      participants: options.participants ?? [HEAD, ADVISER],
      submit: options.submit ?? false,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; version: number; status: string };
  };
  const meeting = (options: Parameters<typeof buildMeeting>[1] = {}) => buildMeeting(db(), options);
  const snapshot = async () => {
    const [delegations, participants, changes, meetings] = await Promise.all([
      db().selectFrom('delegation').selectAll().orderBy('id').execute(),
      db().selectFrom('participant').selectAll().orderBy('id').execute(),
      db().selectFrom('delegation_change').selectAll().orderBy('id').execute(),
      db().selectFrom('meeting').select(['id', 'version', 'participant_visibility']).orderBy('id').execute(),
    ]);
    return { delegations, participants, changes, meetings };
  };
  return { db, as, base, send, register, registered, meeting, snapshot };
}
