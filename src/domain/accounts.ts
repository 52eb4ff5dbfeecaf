/** Accounts: the roles a grant gives, what each is bound to, and the limits of what a user types. */

export const ROLES = [
  'secretariat-admin',
  'secretariat-staff',
  'focal-point',
  'delegate',
  'group-member',
  'partner',
] as const;
export type Role = (typeof ROLES)[number];

export type RoleBinding = 'none' | 'memberState' | 'technicalGroup' | 'partner';

/** What a grant is bound to: focal points and delegates to a member state, group members to a
 * technical group, partners to a partner organisation; secretariat roles to nothing. */
export const ROLE_BINDING: Record<Role, RoleBinding> = {
  'secretariat-admin': 'none',
  'secretariat-staff': 'none',
  'focal-point': 'memberState',
  delegate: 'memberState',
  'group-member': 'technicalGroup',
  partner: 'partner',
};

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;
export const DISPLAY_NAME_MAX = 200;
/** Grants one invitation may give. */
export const INVITATION_GRANTS_MAX = 20;

export const USER_STATUSES = ['invited', 'active', 'deactivated'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const INVITATION_STATES = ['pending', 'expired', 'used'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];
