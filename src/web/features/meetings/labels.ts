import type { MeetingFormat, MeetingKind, MeetingStatus } from '../../../contract/meetings.js';
import type { Transition } from '../../../domain/meetings.js';
import type { TFunction } from '../../i18n/translator.js';

// Literal keys, so the catalog check finds every one of them.

export function statusLabel(t: TFunction, status: MeetingStatus): string {
  switch (status) {
    case 'draft':
      return t('meetings.status.draft');
    case 'convened':
      return t('meetings.status.convened');
    case 'registration-open':
      return t('meetings.status.registrationOpen');
    case 'registration-closed':
      return t('meetings.status.registrationClosed');
    case 'in-session':
      return t('meetings.status.inSession');
    case 'concluded':
      return t('meetings.status.concluded');
    case 'cancelled':
      return t('meetings.status.cancelled');
  }
}

export function kindLabel(t: TFunction, kind: MeetingKind): string {
  switch (kind) {
    case 'ministerial':
      return t('meetings.kind.ministerial');
    case 'preparatory':
      return t('meetings.kind.preparatory');
    case 'technical-group':
      return t('meetings.kind.technicalGroup');
  }
}

export function formatLabel(t: TFunction, format: MeetingFormat): string {
  switch (format) {
    case 'in-person':
      return t('meetings.format.inPerson');
    case 'virtual':
      return t('meetings.format.virtual');
    case 'hybrid':
      return t('meetings.format.hybrid');
  }
}

/** The button of a transition, and the question asked before it is made. */
export function transitionLabels(t: TFunction, transition: Transition): { label: string; question: string } {
  switch (transition) {
    case 'convene':
      return { label: t('meetings.transition.convene'), question: t('meetings.transition.conveneQuestion') };
    case 'open-registration':
      return {
        label: t('meetings.transition.openRegistration'),
        question: t('meetings.transition.openRegistrationQuestion'),
      };
    case 'close-registration':
      return {
        label: t('meetings.transition.closeRegistration'),
        question: t('meetings.transition.closeRegistrationQuestion'),
      };
    case 'start':
      return { label: t('meetings.transition.start'), question: t('meetings.transition.startQuestion') };
    case 'conclude':
      return { label: t('meetings.transition.conclude'), question: t('meetings.transition.concludeQuestion') };
    case 'cancel':
      return { label: t('meetings.transition.cancel'), question: t('meetings.transition.cancelQuestion') };
  }
}
