import type { FollowUpStatus, RateGroup, ReportState } from '../../../domain/follow-up.js';
import type { TFunction } from '../../i18n/translator.js';

/** What a state says of an item, as the reader reads it (the matrix shows it as text and colour). */
export function statusLabel(t: TFunction, status: FollowUpStatus | null): string {
  switch (status) {
    case 'not-started':
      return t('followUp.public.status.notStarted');
    case 'planned':
      return t('followUp.public.status.planned');
    case 'in-progress':
      return t('followUp.public.status.inProgress');
    case 'implemented':
      return t('followUp.public.status.implemented');
    case 'not-applicable':
      return t('followUp.public.status.notApplicable');
    case null:
      return t('followUp.public.status.none');
  }
}

/** Where a report stands: shown beside its status unless accepted (a focal point or the
 * secretariat also sees drafts and reports under review). */
export function reportStateLabel(t: TFunction, state: ReportState): string {
  switch (state) {
    case 'draft':
      return t('followUp.public.reportState.draft');
    case 'submitted':
      return t('followUp.public.reportState.submitted');
    case 'changes-requested':
      return t('followUp.public.reportState.changesRequested');
    case 'accepted':
      return t('followUp.public.reportState.accepted');
  }
}

export function rateGroupLabel(t: TFunction, by: RateGroup): string {
  switch (by) {
    case 'state':
      return t('followUp.public.by.state');
    case 'pillar':
      return t('followUp.public.by.pillar');
    case 'document':
      return t('followUp.public.by.document');
    case 'subregion':
      return t('followUp.public.by.subregion');
  }
}
