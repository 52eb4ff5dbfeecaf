import { describe, expect, it } from 'vitest';
import { DeniedError } from '../http/problems.js';
import { agendaPolicy } from '../modules/agenda/policy.js';
import { delegationsPolicy } from '../modules/delegations/policy.js';
import { type Actor, PUBLIC, type RequestContext } from './actor.js';
import { decide } from './policy.js';

/** A module policy is the permission table seen through one module: the same answers, thrown as problems. */

const focalPoint = (memberStateId: string): Actor => ({
  kind: 'user',
  userId: 'user-1',
  email: 'focal@example.test',
  displayName: 'Focal point',
  lang: 'en',
  demo: false,
  grants: [{ id: 'g', role: 'focal-point', memberStateId, technicalGroupId: null, partnerId: null }],
  credential: { type: 'session', id: 's', secondFactor: true },
});
const context = (actor: Actor): RequestContext => ({ actor, requestId: 'r', ip: null, lang: 'en' });

describe('modulePolicy', () => {
  it('answers as the permission table does, the record’s state included', () => {
    const ecuador = focalPoint('ec');
    for (const resource of [undefined, { memberStateId: 'ec' }, { memberStateId: 'mx' }]) {
      expect(delegationsPolicy.can(ecuador, 'delegations.register', resource)).toBe(
        decide(ecuador, 'delegations.register', resource).allowed,
      );
    }
    expect(delegationsPolicy.can(ecuador, 'delegations.register', { memberStateId: 'ec' })).toBe(true);
    expect(delegationsPolicy.can(ecuador, 'delegations.register', { memberStateId: 'mx' })).toBe(false);
  });

  it('returns the role that allowed an action, for the audit trail', () => {
    expect(delegationsPolicy.require(context(focalPoint('ec')), 'delegations.register', { memberStateId: 'ec' })).toBe(
      'focal-point',
    );
  });

  it('refuses with the 401 or 403 problem the table gives, naming the action', () => {
    const visitor = () => agendaPolicy.require(context(PUBLIC), 'agenda.edit');
    expect(visitor).toThrow(DeniedError);
    expect(visitor).toThrow(expect.objectContaining({ status: 401, reason: 'sign-in', action: 'agenda.edit' }));
    const otherState = () =>
      delegationsPolicy.require(context(focalPoint('ec')), 'delegations.register', { memberStateId: 'mx' });
    expect(otherState).toThrow(expect.objectContaining({ status: 403, reason: 'scope' }));
    expect(() => agendaPolicy.require(context(focalPoint('ec')), 'agenda.edit')).toThrow(
      expect.objectContaining({ status: 403, reason: 'role' }),
    );
  });
});
