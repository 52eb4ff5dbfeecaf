import type { Role } from '../../../contract/accounts.js';
import type { TFunction } from '../../i18n/translator.js';

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
