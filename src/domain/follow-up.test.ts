import { describe, expect, it } from 'vitest';
import {
  afterReview,
  canReview,
  implementationRate,
  isCycleOpen,
  isEditableReport,
  isPublicReport,
  missingForSubmit,
  reminderDue,
  rollUp,
} from './follow-up.js';

const report = { status: null, notApplicableReason: null, measures: null, institution: null };

describe('missingForSubmit', () => {
  it('asks for a status first', () => {
    expect(missingForSubmit(report)).toEqual(['status']);
  });
  it('asks a not-applicable report for its reason, and nothing else', () => {
    expect(missingForSubmit({ ...report, status: 'not-applicable' })).toEqual(['notApplicableReason']);
    expect(missingForSubmit({ ...report, status: 'not-applicable', notApplicableReason: 'No coast' })).toEqual([]);
  });
  it('asks a state that has acted for its measures and the responsible institution', () => {
    expect(missingForSubmit({ ...report, status: 'in-progress' })).toEqual(['measures', 'institution']);
    expect(missingForSubmit({ ...report, status: 'implemented', measures: 'Law 12', institution: '' })).toEqual([
      'institution',
    ]);
    expect(missingForSubmit({ ...report, status: 'planned', measures: 'Plan', institution: 'Ministry' })).toEqual([]);
  });
  it('takes "not started" as it is', () => {
    expect(missingForSubmit({ ...report, status: 'not-started' })).toEqual([]);
  });
});

describe('report states', () => {
  it('lets the state edit a draft and a report sent back, not one submitted or accepted', () => {
    expect([isEditableReport('draft'), isEditableReport('changes-requested')]).toEqual([true, true]);
    expect([isEditableReport('submitted'), isEditableReport('accepted')]).toEqual([false, false]);
  });
  it('reviews only submitted reports, and moves them by the decision', () => {
    expect(canReview('submitted')).toBe(true);
    expect(canReview('draft') || canReview('accepted') || canReview('changes-requested')).toBe(false);
    expect(afterReview('accept')).toBe('accepted');
    expect(afterReview('request-changes')).toBe('changes-requested');
    expect(afterReview('comment')).toBe('submitted');
  });
  it('shows the public only accepted reports the state made public', () => {
    expect(isPublicReport('accepted', true)).toBe(true);
    expect(isPublicReport('accepted', false)).toBe(false);
    expect(isPublicReport('submitted', true)).toBe(false);
  });
});

describe('rollUp', () => {
  it('counts every sub-item alike when none has a weight', () => {
    expect(
      rollUp([
        { weight: null, status: 'implemented' },
        { weight: null, status: 'in-progress' },
        { weight: null, status: 'planned' },
        { weight: null, status: 'implemented' },
      ]),
    ).toBe(50);
  });
  it('weighs sub-items and leaves out those not applicable', () => {
    // 3 of 3 + 1 applicable weight done: 75 %.
    expect(
      rollUp([
        { weight: 3, status: 'implemented' },
        { weight: 1, status: null },
        { weight: 10, status: 'not-applicable' },
      ]),
    ).toBe(75);
  });
  it('has no figure when nothing applies', () => {
    expect(rollUp([])).toBeNull();
    expect(rollUp([{ weight: 2, status: 'not-applicable' }])).toBeNull();
  });
});

describe('implementationRate', () => {
  it('divides the implemented by the applicable, to one decimal', () => {
    expect(implementationRate({ reported: 7, implemented: 2, notApplicable: 1 })).toBe(33.3);
    expect(implementationRate({ reported: 4, implemented: 4, notApplicable: 0 })).toBe(100);
  });
  it('has no figure when nothing applies', () => {
    expect(implementationRate({ reported: 0, implemented: 0, notApplicable: 0 })).toBeNull();
    expect(implementationRate({ reported: 2, implemented: 0, notApplicable: 2 })).toBeNull();
  });
});

describe('cycle dates', () => {
  it('takes reports from the opening date on', () => {
    expect(isCycleOpen('2027-01-10', '2027-01-09')).toBe(false);
    expect(isCycleOpen('2027-01-10', '2027-01-10')).toBe(true);
    expect(isCycleOpen('2027-01-10', '2028-01-01')).toBe(true);
  });
  it('reminds within the days before the deadline, not after it', () => {
    expect(reminderDue('2027-03-31', '2027-03-23', 7)).toBe(false);
    expect(reminderDue('2027-03-31', '2027-03-24', 7)).toBe(true);
    expect(reminderDue('2027-03-31', '2027-03-31', 7)).toBe(true);
    expect(reminderDue('2027-03-31', '2027-04-01', 7)).toBe(false);
  });
});
