import { describe, expect, it } from 'vitest';
import type { Role } from '../../contract/accounts.js';
import { ROLE_BINDING, ROLES } from '../../domain/accounts.js';
import { type Actor, type ActorGrant, PUBLIC } from './actor.js';
import { ACTIONS, type Action, PERMISSIONS, ROLES_REQUIRING_SECOND_FACTOR, type Rule } from './permissions.js';
import { type Decision, decide, type Resource, reach, rolesAllowed } from './policy.js';

/**
 * decide() against the permission table: first generated from PERMISSIONS (every action × every
 * role × every kind of credential and scope), so a rule added later is covered the moment it is
 * written; then hand-written cases that say in words what the table means.
 */

const OWN = { state: 'state-own', group: 'group-own', partner: 'partner-own' };
const OTHER = { state: 'state-other', group: 'group-other', partner: 'partner-other' };

/** A grant of `role` bound, as the role requires, to the "own" state, group or partner. */
function grantOf(role: Role, bound = OWN): ActorGrant {
  const binding = ROLE_BINDING[role];
  return {
    id: `grant-${role}`,
    role,
    memberStateId: binding === 'memberState' ? bound.state : null,
    technicalGroupId: binding === 'technicalGroup' ? bound.group : null,
    partnerId: binding === 'partner' ? bound.partner : null,
  };
}

type Credential = Extract<Actor, { kind: 'user' }>['credential'];
const SESSION: Credential = { type: 'session', id: 'session-1', secondFactor: true };
const SESSION_BEFORE_SECOND_FACTOR: Credential = { type: 'session', id: 'session-2', secondFactor: false };
const READ_TOKEN: Credential = { type: 'token', id: 'token-r', scope: 'read' };
const WRITE_TOKEN: Credential = { type: 'token', id: 'token-w', scope: 'write' };

function user(grants: ActorGrant[], credential: Credential = SESSION, demo = false): Actor {
  return {
    kind: 'user',
    userId: 'user-1',
    email: 'user@example.test',
    displayName: 'User',
    lang: 'en',
    grants,
    demo,
    credential,
  };
}

const allow = (role: Role | null): Decision => ({ allowed: true, role });
const deny = (status: 401 | 403, reason: Extract<Decision, { allowed: false }>['reason']): Decision => ({
  allowed: false,
  status,
  reason,
});

/**
 * The table's meaning, written independently of policy.ts: the answer for a user holding one grant
 * of `role` (bound to the "own" records) asking about `resource` with a session that passed any
 * second factor.
 */
function expected(rule: Rule, role: Role, resource?: Resource): Decision {
  if (rule.public) return allow(null);
  if (rule.signedIn && (resource?.userId === undefined || resource.userId === 'user-1')) return allow(null);
  const scope = rule.roles?.[role];
  if (scope === undefined) return deny(403, 'role');
  if (resource === undefined || scope === 'any') return allow(role);
  const inScope =
    (scope === 'own-state' && resource.memberStateId === OWN.state) ||
    (scope === 'own-group' && resource.technicalGroupId === OWN.group) ||
    (scope === 'own-partner' && resource.partnerId === OWN.partner);
  return inScope ? allow(role) : deny(403, 'scope');
}

const rule = (action: Action): Rule => PERMISSIONS[action];

/** Resources that test every scope condition: each kind of binding, the own one and another one. */
const RESOURCES: Array<[string, Resource]> = [
  ['of the own member state', { memberStateId: OWN.state }],
  ['of another member state', { memberStateId: OTHER.state }],
  ['of the own technical group', { technicalGroupId: OWN.group }],
  ['of another technical group', { technicalGroupId: OTHER.group }],
  ['of the own partner organisation', { partnerId: OWN.partner }],
  ['of another partner organisation', { partnerId: OTHER.partner }],
  ['bound to nothing', { memberStateId: null, technicalGroupId: null, partnerId: null }],
  ['about the user themself', { userId: 'user-1' }],
  ['about another user', { userId: 'user-2' }],
];

describe('decide(), generated from every entry of PERMISSIONS', () => {
  it('has a description for every action, and only roles the platform knows', () => {
    expect(ACTIONS.length).toBeGreaterThan(0);
    for (const action of ACTIONS) {
      expect(rule(action).description.length, action).toBeGreaterThan(0);
      for (const role of Object.keys(rule(action).roles ?? {})) expect(ROLES, action).toContain(role);
    }
  });

  describe.each(ACTIONS)('%s', (action) => {
    it('lets the public in only when the rule is public, and asks everyone else to sign in (401)', () => {
      expect(decide(PUBLIC, action)).toEqual(rule(action).public ? allow(null) : deny(401, 'sign-in'));
      for (const [, resource] of RESOURCES) {
        expect(decide(PUBLIC, action, resource)).toEqual(rule(action).public ? allow(null) : deny(401, 'sign-in'));
      }
    });

    it.each(ROLES)('answers a %s as the table says, with and without each kind of resource', (role) => {
      const actor = user([grantOf(role)]);
      expect(decide(actor, action)).toEqual(expected(rule(action), role));
      for (const [what, resource] of RESOURCES) {
        expect(decide(actor, action, resource), `${role} ${action} ${what}`).toEqual(
          expected(rule(action), role, resource),
        );
      }
    });

    it.each(ROLES)('refuses a read-only token of a %s when the action changes state', (role) => {
      const actor = user([grantOf(role)], READ_TOKEN);
      const answer =
        rule(action).write && !rule(action).public ? deny(403, 'read-only-token') : expected(rule(action), role);
      expect(decide(actor, action)).toEqual(answer);
    });

    it.each(ROLES)('answers a write token of a %s like a session', (role) => {
      expect(decide(user([grantOf(role)], WRITE_TOKEN), action)).toEqual(expected(rule(action), role));
    });

    it.each(ROLES)('holds a %s whose session lacks the second factor to the roles that require it', (role) => {
      const actor = user([grantOf(role)], SESSION_BEFORE_SECOND_FACTOR);
      const held =
        ROLES_REQUIRING_SECOND_FACTOR.includes(role) && !rule(action).public && !rule(action).beforeSecondFactor;
      expect(decide(actor, action)).toEqual(held ? deny(403, 'second-factor') : expected(rule(action), role));
      // Demo users and machine clients are never asked for a second factor.
      expect(decide(user([grantOf(role)], SESSION_BEFORE_SECOND_FACTOR, true), action)).toEqual(
        expected(rule(action), role),
      );
    });

    it('answers a signed-in user without any grant only for public and own-account actions', () => {
      const answer = rule(action).public || rule(action).signedIn ? allow(null) : deny(403, 'role');
      expect(decide(user([]), action)).toEqual(answer);
    });
  });
});

describe('decide(), the table read as specifications', () => {
  const admin = user([grantOf('secretariat-admin')]);
  const staff = user([grantOf('secretariat-staff')]);
  const focalPoint = user([grantOf('focal-point')]);

  it('lets the public read the reference data', () => {
    expect(decide(PUBLIC, 'reference.read')).toEqual(allow(null));
  });

  it('lets the public sign in, and asks them to sign in (401) to read an account', () => {
    expect(decide(PUBLIC, 'auth.sign-in')).toEqual(allow(null));
    expect(decide(PUBLIC, 'account.read')).toEqual(deny(401, 'sign-in'));
  });

  it('lets a secretariat administrator invite users, and refuses secretariat staff with 403', () => {
    expect(decide(admin, 'users.invite')).toEqual(allow('secretariat-admin'));
    expect(decide(staff, 'users.invite')).toEqual(deny(403, 'role'));
  });

  it('lets both secretariat roles read the audit trail, and refuses a focal point with 403', () => {
    expect(decide(admin, 'audit.read')).toEqual(allow('secretariat-admin'));
    expect(decide(staff, 'audit.read')).toEqual(allow('secretariat-staff'));
    expect(decide(focalPoint, 'audit.read')).toEqual(deny(403, 'role'));
  });

  it('lets a read-only token of an administrator list users, but not invite one', () => {
    const token = user([grantOf('secretariat-admin')], READ_TOKEN);
    expect(decide(token, 'users.read')).toEqual(allow('secretariat-admin'));
    expect(decide(token, 'users.invite')).toEqual(deny(403, 'read-only-token'));
  });

  it('lets an administrator before the second factor read their account and sign out, and nothing else', () => {
    const halfway = user([grantOf('secretariat-admin')], SESSION_BEFORE_SECOND_FACTOR);
    expect(decide(halfway, 'account.read')).toEqual(allow(null));
    expect(decide(halfway, 'auth.sign-out')).toEqual(allow(null));
    expect(decide(halfway, 'users.read')).toEqual(deny(403, 'second-factor'));
    expect(decide(halfway, 'audit.read')).toEqual(deny(403, 'second-factor'));
  });

  it('does not ask a delegate for a second factor (it is optional for them)', () => {
    expect(decide(user([grantOf('delegate')], SESSION_BEFORE_SECOND_FACTOR), 'account.read')).toEqual(allow(null));
  });

  it('asks a delegate who turned two-factor on for it, allowing only what comes before it', () => {
    const delegate = (credential: Credential, demo = false): Actor => ({
      ...(user([grantOf('delegate')], credential, demo) as Extract<Actor, { kind: 'user' }>),
      twoFactorEnabled: true,
    });
    const halfway = delegate(SESSION_BEFORE_SECOND_FACTOR);
    expect(decide(halfway, 'account.read')).toEqual(allow(null));
    expect(decide(halfway, 'two-factor.challenge')).toEqual(allow(null));
    expect(decide(halfway, 'tokens.read')).toEqual(deny(403, 'second-factor'));
    expect(decide(halfway, 'sessions.end')).toEqual(deny(403, 'second-factor'));
    expect(decide(delegate(SESSION), 'tokens.read')).toEqual(allow(null));
    // Demo users are never asked; a token is its own credential.
    expect(decide(delegate(SESSION_BEFORE_SECOND_FACTOR, true), 'tokens.read')).toEqual(allow(null));
    expect(decide(delegate(READ_TOKEN), 'tokens.read')).toEqual(allow(null));
  });

  it('asks for the second factor when any one grant requires it', () => {
    const both = user([grantOf('delegate'), grantOf('focal-point', OTHER)], SESSION_BEFORE_SECOND_FACTOR);
    expect(decide(both, 'users.read')).toEqual(deny(403, 'second-factor'));
  });

  it('lets a user read their own account, and needs a role for account actions about another user', () => {
    expect(decide(focalPoint, 'account.read', { userId: 'user-1' })).toEqual(allow(null));
    expect(decide(focalPoint, 'account.read', { userId: 'user-2' })).toEqual(deny(403, 'role'));
  });

  it('names the role that allowed the action, for the audit trail, when a user holds several grants', () => {
    const both = user([grantOf('focal-point'), grantOf('secretariat-staff')]);
    expect(decide(both, 'users.read')).toEqual(allow('secretariat-staff'));
  });

  it('shows the delegations-only categories of a participant list to those taking part, the hidden ones to the secretariat alone', () => {
    for (const role of ['secretariat-admin', 'secretariat-staff', 'focal-point', 'delegate', 'partner'] as const) {
      expect(decide(user([grantOf(role)]), 'participants.read-delegations').allowed, role).toBe(true);
    }
    expect(decide(user([grantOf('group-member')]), 'participants.read-delegations')).toEqual(deny(403, 'role'));
    expect(decide(PUBLIC, 'participants.read-delegations')).toEqual(deny(401, 'sign-in'));
    expect(decide(staff, 'participants.read-hidden')).toEqual(allow('secretariat-staff'));
    expect(decide(focalPoint, 'participants.read-hidden')).toEqual(deny(403, 'role'));
    const halfway = user([grantOf('delegate')], SESSION_BEFORE_SECOND_FACTOR);
    expect(
      decide(
        { ...(halfway as Extract<Actor, { kind: 'user' }>), twoFactorEnabled: true },
        'participants.read-delegations',
      ),
    ).toEqual(deny(403, 'second-factor'));
  });

  it('lets the secretariat register at any time and read draft records and every comment; a state only its own comments', () => {
    expect(decide(staff, 'delegations.register-any-time')).toEqual(allow('secretariat-staff'));
    expect(decide(focalPoint, 'delegations.register-any-time')).toEqual(deny(403, 'role'));
    expect(decide(admin, 'meeting-records.read-drafts')).toEqual(allow('secretariat-admin'));
    expect(decide(focalPoint, 'meeting-records.read-drafts')).toEqual(deny(403, 'role'));
    expect(decide(focalPoint, 'meeting-records.read-comments', { memberStateId: OWN.state })).toEqual(
      allow('focal-point'),
    );
    expect(decide(focalPoint, 'meeting-records.read-comments', { memberStateId: OTHER.state })).toEqual(
      deny(403, 'scope'),
    );
  });
});

describe('reach(): the records an action reaches, for filtering lists', () => {
  it('reaches every record for a role with scope any, and for a public action', () => {
    expect(reach(user([grantOf('secretariat-staff')]), 'delegations.read')).toEqual({ all: true });
    expect(reach(PUBLIC, 'reference.read')).toEqual({ all: true });
  });

  it('reaches the own state and partner organisation of scoped grants, each once', () => {
    const actor = user([grantOf('focal-point'), grantOf('delegate'), grantOf('partner'), grantOf('group-member')]);
    expect(reach(actor, 'delegations.read')).toEqual({
      all: false,
      memberStateIds: [OWN.state],
      technicalGroupIds: [],
      partnerIds: [OWN.partner],
    });
  });

  it('reaches nothing for the public, a user without the role, or a session owing its second factor', () => {
    const nothing = { all: false, memberStateIds: [], technicalGroupIds: [], partnerIds: [] };
    expect(reach(PUBLIC, 'delegations.read')).toEqual(nothing);
    expect(reach(user([grantOf('group-member')]), 'delegations.read')).toEqual(nothing);
    expect(reach(user([grantOf('secretariat-staff')], SESSION_BEFORE_SECOND_FACTOR), 'delegations.read')).toEqual(
      nothing,
    );
    expect(reach(user([grantOf('focal-point')], READ_TOKEN), 'meeting-records.comment')).toEqual(nothing);
  });
});

describe('rolesAllowed(): who holds an action, for queries about people', () => {
  it('names the roles of a rule, or those with one scope', () => {
    expect(rolesAllowed('delegations.register', 'own-state')).toEqual(['focal-point']);
    expect(rolesAllowed('users.manage-grants')).toEqual(['secretariat-admin']);
    expect(rolesAllowed('reference.read')).toEqual([]);
  });
});
