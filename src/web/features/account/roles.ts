import type { TFunction } from 'i18next';
import type { Me, Role } from '../../../contract/accounts.js';

/** The contract's ROLES, in the order the secretariat thinks of them. Copied, because importing the
 * contract's values would bring zod into the browser bundle; the check below fails to compile if
 * the two lists ever differ. */
export const PORTAL_ROLES = [
  'secretariat-admin',
  'secretariat-staff',
  'focal-point',
  'delegate',
  'group-member',
  'partner',
] as const satisfies readonly Role[];
type MissingRole = Exclude<Role, (typeof PORTAL_ROLES)[number]>;
const everyRoleListed: MissingRole extends never ? true : false = true;
void everyRoleListed;

/** What a grant of each role is bound to (the contract's ROLE_BINDING, copied for the same reason). */
export const ROLE_BINDING: Record<Role, 'none' | 'memberState' | 'technicalGroup' | 'partner'> = {
  'secretariat-admin': 'none',
  'secretariat-staff': 'none',
  'focal-point': 'memberState',
  delegate: 'memberState',
  'group-member': 'technicalGroup',
  partner: 'partner',
};

/** A role's name in the reader's language. Literal keys, so the catalog check sees each one. */
export function roleLabel(t: TFunction, role: Role): string {
  switch (role) {
    case 'secretariat-admin':
      return t('roles.secretariatAdmin');
    case 'secretariat-staff':
      return t('roles.secretariatStaff');
    case 'focal-point':
      return t('roles.focalPoint');
    case 'delegate':
      return t('roles.delegate');
    case 'group-member':
      return t('roles.groupMember');
    case 'partner':
      return t('roles.partner');
  }
}

/** Whether the secretariat's screens are worth offering; the server decides what they may do. */
export function isSecretariat(me: Me | null | undefined): boolean {
  return Boolean(me?.grants.some((g) => g.role === 'secretariat-admin' || g.role === 'secretariat-staff'));
}

export function isSecretariatAdmin(me: Me | null | undefined): boolean {
  return Boolean(me?.grants.some((g) => g.role === 'secretariat-admin'));
}
