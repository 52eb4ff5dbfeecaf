import type { FollowUpStatus, ReportState, ReviewDecision } from '../../../domain/follow-up.js';
import type { TFunction } from '../../i18n/translator.js';

// Literal keys, so the catalog check sees each one; a value added to src/domain is a type error here.

const STATUS: Record<FollowUpStatus, (t: TFunction) => string> = {
  'not-started': (t) => t('followUp.reporting.status.not-started'),
  planned: (t) => t('followUp.reporting.status.planned'),
  'in-progress': (t) => t('followUp.reporting.status.in-progress'),
  implemented: (t) => t('followUp.reporting.status.implemented'),
  'not-applicable': (t) => t('followUp.reporting.status.not-applicable'),
};
export const statusLabel = (t: TFunction, status: FollowUpStatus): string => STATUS[status](t);

const REPORT_STATE: Record<ReportState, (t: TFunction) => string> = {
  draft: (t) => t('followUp.reporting.reportState.draft'),
  submitted: (t) => t('followUp.reporting.reportState.submitted'),
  'changes-requested': (t) => t('followUp.reporting.reportState.changes-requested'),
  accepted: (t) => t('followUp.reporting.reportState.accepted'),
};
export const reportStateLabel = (t: TFunction, state: ReportState): string => REPORT_STATE[state](t);

const DECISION: Record<ReviewDecision, { button: (t: TFunction) => string; done: (t: TFunction) => string }> = {
  comment: {
    button: (t) => t('followUp.reporting.decision.comment'),
    done: (t) => t('followUp.reporting.decided.comment'),
  },
  'request-changes': {
    button: (t) => t('followUp.reporting.decision.request-changes'),
    done: (t) => t('followUp.reporting.decided.request-changes'),
  },
  accept: {
    button: (t) => t('followUp.reporting.decision.accept'),
    done: (t) => t('followUp.reporting.decided.accept'),
  },
};
export const decisionLabel = (t: TFunction, decision: ReviewDecision) => DECISION[decision].button(t);
export const decidedLabel = (t: TFunction, decision: ReviewDecision) => DECISION[decision].done(t);
