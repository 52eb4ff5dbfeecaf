import { describe, expect, it, vi } from 'vitest';
import type { Actor, ActorGrant } from './actor.js';
import type { Action } from './permissions.js';
import { decide } from './policy.js';

/**
 * The scope conditions ("own state", "own group", "own partner") as specifications. The table
 * gains scoped actions as modules are written; these cases must not wait for them, so they run
 * against three example rules added to the real table for this file only.
 */
vi.mock('./permissions.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('./permissions.js')>();
  return {
    ...real,
    PERMISSIONS: {
      ...real.PERMISSIONS,
      'example.report': {
        roles: { 'secretariat-admin': 'any', 'focal-point': 'own-state', delegate: 'own-state' },
        write: true,
        description: 'Submit a report for a member state',
      },
      'example.group-work': {
        roles: { 'secretariat-staff': 'any', 'group-member': 'own-group' },
        write: true,
        description: 'Take part in a technical group',
      },
      'example.offer': {
        roles: { partner: 'own-partner' },
        write: true,
        description: 'Offer cooperation on behalf of a partner',
      },
    },
  };
});

const REPORT = 'example.report' as Action;
const GROUP_WORK = 'example.group-work' as Action;
const OFFER = 'example.offer' as Action;

const grant = (role: ActorGrant['role'], bound: Partial<ActorGrant> = {}): ActorGrant => ({
  id: `grant-${role}-${bound.memberStateId ?? bound.technicalGroupId ?? bound.partnerId ?? 'none'}`,
  role,
  memberStateId: null,
  technicalGroupId: null,
  partnerId: null,
  ...bound,
});

const user = (...grants: ActorGrant[]): Actor => ({
  kind: 'user',
  userId: 'user-1',
  email: 'user@example.test',
  displayName: 'User',
  lang: 'en',
  grants,
  demo: false,
  credential: { type: 'session', id: 'session-1', secondFactor: true },
});

describe('decide() with own-state scope', () => {
  const focalPointOfEcuador = user(grant('focal-point', { memberStateId: 'ec' }));

  it('lets a focal point report for their own state', () => {
    expect(decide(focalPointOfEcuador, REPORT, { memberStateId: 'ec' })).toEqual({
      allowed: true,
      role: 'focal-point',
    });
  });

  it('refuses a focal point reporting for another state with 403 (scope)', () => {
    expect(decide(focalPointOfEcuador, REPORT, { memberStateId: 'mx' })).toEqual({
      allowed: false,
      status: 403,
      reason: 'scope',
    });
  });

  it('lets the guard in without a resource: some grant could allow it, the service asks again with the record', () => {
    expect(decide(focalPointOfEcuador, REPORT)).toEqual({ allowed: true, role: 'focal-point' });
  });

  it('refuses a record bound to no state, and a grant bound to no state', () => {
    expect(decide(focalPointOfEcuador, REPORT, { memberStateId: null })).toMatchObject({ allowed: false });
    expect(decide(focalPointOfEcuador, REPORT, {})).toMatchObject({ allowed: false });
    expect(decide(user(grant('focal-point')), REPORT, { memberStateId: null })).toMatchObject({ allowed: false });
  });

  it('lets a user with grants for two states act for either, naming the grant that matched', () => {
    const both = user(grant('delegate', { memberStateId: 'co' }), grant('focal-point', { memberStateId: 'ec' }));
    expect(decide(both, REPORT, { memberStateId: 'co' })).toEqual({ allowed: true, role: 'delegate' });
    expect(decide(both, REPORT, { memberStateId: 'ec' })).toEqual({ allowed: true, role: 'focal-point' });
    expect(decide(both, REPORT, { memberStateId: 'mx' })).toMatchObject({ allowed: false, reason: 'scope' });
  });

  it('lets the secretariat act for any state', () => {
    const admin = user(grant('secretariat-admin'));
    for (const memberStateId of ['ec', 'mx', null]) {
      expect(decide(admin, REPORT, { memberStateId })).toEqual({ allowed: true, role: 'secretariat-admin' });
    }
  });

  it('refuses a role the rule does not name with 403 (role), whatever the record', () => {
    expect(decide(user(grant('group-member', { technicalGroupId: 'g' })), REPORT, { memberStateId: 'ec' })).toEqual({
      allowed: false,
      status: 403,
      reason: 'role',
    });
  });

  it('does not let a state binding stand in for a group or partner binding', () => {
    expect(decide(focalPointOfEcuador, REPORT, { technicalGroupId: 'ec', partnerId: 'ec' })).toMatchObject({
      allowed: false,
      reason: 'scope',
    });
  });
});

describe('decide() with own-group scope', () => {
  const member = user(grant('group-member', { technicalGroupId: 'police-management' }));

  it('lets a group member work in their own group', () => {
    expect(decide(member, GROUP_WORK, { technicalGroupId: 'police-management' })).toEqual({
      allowed: true,
      role: 'group-member',
    });
  });

  it('refuses a group member in another group with 403 (scope)', () => {
    expect(decide(member, GROUP_WORK, { technicalGroupId: 'prevention' })).toMatchObject({
      allowed: false,
      status: 403,
      reason: 'scope',
    });
  });
});

describe('decide() with own-partner scope', () => {
  const partner = user(grant('partner', { partnerId: 'idb' }));

  it('lets a partner offer cooperation on behalf of their own organisation', () => {
    expect(decide(partner, OFFER, { partnerId: 'idb' })).toEqual({ allowed: true, role: 'partner' });
  });

  it('refuses a partner acting for another organisation with 403 (scope)', () => {
    expect(decide(partner, OFFER, { partnerId: 'undp' })).toMatchObject({
      allowed: false,
      status: 403,
      reason: 'scope',
    });
  });
});
