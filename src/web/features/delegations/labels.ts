import type {
  DelegationStatus,
  ParticipantCategory,
  ParticipantRole,
  Visibility,
} from '../../../contract/delegations.js';
import type { TFunction } from '../../i18n/translator.js';

// Literal keys, so the catalog check sees each one.

export function roleLabel(t: TFunction, role: ParticipantRole): string {
  switch (role) {
    case 'head':
      return t('delegations.role.head');
    case 'alternate':
      return t('delegations.role.alternate');
    case 'adviser':
      return t('delegations.role.adviser');
    case 'member':
      return t('delegations.role.member');
  }
}

export function categoryLabel(t: TFunction, category: ParticipantCategory): string {
  switch (category) {
    case 'delegation':
      return t('delegations.category.delegation');
    case 'observer':
      return t('delegations.category.observer');
    case 'secretariat':
      return t('delegations.category.secretariat');
    case 'press':
      return t('delegations.category.press');
    case 'guest':
      return t('delegations.category.guest');
  }
}

export function statusLabel(t: TFunction, status: DelegationStatus): string {
  switch (status) {
    case 'draft':
      return t('delegations.status.draft');
    case 'submitted':
      return t('delegations.status.submitted');
    case 'accredited':
      return t('delegations.status.accredited');
    case 'returned':
      return t('delegations.status.returned');
  }
}

export function visibilityLabel(t: TFunction, visibility: Visibility): string {
  switch (visibility) {
    case 'public':
      return t('delegations.visibility.public');
    case 'delegations':
      return t('delegations.visibility.delegations');
    case 'hidden':
      return t('delegations.visibility.hidden');
  }
}
