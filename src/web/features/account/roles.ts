import type { TFunction } from 'i18next';
import type { Me, Role } from '../../../contract/accounts.js';

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
