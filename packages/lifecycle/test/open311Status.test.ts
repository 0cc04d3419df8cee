import { ClosureReasonSchema } from '@quanzi/core';
import { createReportSnapshot, TaskStateSchema } from '@quanzi/lifecycle';
import {
  closureReasonOpen311Table,
  closureReasonToOpen311,
  open311ExtendedStatuses,
  open311ToClosureReason,
  reportToOpen311,
  taskToOpen311,
} from '@quanzi/lifecycle/open311';
import { describe, expect, it } from 'vitest';
import { reportInput } from './arbitraries';
import { published } from './fixtures';

describe('Open311 status table', () => {
  it('maps every closure reason to a closed status with a known extended status', () => {
    for (const reason of ClosureReasonSchema.options) {
      const status = closureReasonToOpen311(reason);
      expect(status.status).toBe('closed');
      expect(open311ExtendedStatuses).toContain(status.extendedStatus);
      expect(status).toBe(closureReasonOpen311Table[reason]);
    }
  });

  it('round-trips every reason except expired, which Open311 cannot tell from no further action', () => {
    for (const reason of ClosureReasonSchema.options) {
      const back = open311ToClosureReason(closureReasonToOpen311(reason));
      expect(back).toBe(reason === 'expired' ? 'closed_not_fixed' : reason);
    }
  });

  it('reads open statuses as no closure, bare closed as fixed, referrals as not responsible', () => {
    expect(open311ToClosureReason({ status: 'open', extendedStatus: 'IN_PROGRESS' })).toBeNull();
    expect(open311ToClosureReason({ status: 'closed' })).toBe('resolved');
    expect(open311ToClosureReason({ status: 'closed', extendedStatus: 'INTERNAL_REFERRAL' })).toBe(
      'not_responsible',
    );
    expect(open311ToClosureReason({ status: 'closed', extendedStatus: 'FIXED' })).toBe('resolved');
  });

  it('gives every task state and report state a status', () => {
    const { snapshot } = published();
    const statuses = TaskStateSchema.options.map((state) =>
      taskToOpen311({
        ...snapshot,
        state,
        closure: state === 'closed' ? { reason: 'duplicate', duplicateOf: null, note: null } : null,
      }),
    );
    expect(statuses.map((s) => `${s.status}/${s.extendedStatus}`)).toEqual([
      'open/OPEN',
      'open/OPEN',
      'open/OPEN',
      'open/ACTION_SCHEDULED',
      'open/IN_PROGRESS',
      'open/INVESTIGATING',
      'open/IN_PROGRESS',
      'open/INVESTIGATING',
      'closed/FIXED',
      'closed/DUPLICATE',
    ]);
    const report = createReportSnapshot(reportInput());
    expect(reportToOpen311(report)).toEqual({ status: 'open', extendedStatus: 'OPEN' });
    expect(reportToOpen311({ ...report, state: 'dismissed', verdict: 'out_of_scope' })).toEqual({
      status: 'closed',
      extendedStatus: 'NOT_COUNCILS_RESPONSIBILITY',
    });
    expect(
      reportToOpen311({ ...report, state: 'dismissed', verdict: 'false' }).extendedStatus,
    ).toBe('NO_FURTHER_ACTION');
    expect(reportToOpen311({ ...report, state: 'linked' }).extendedStatus).toBe('DUPLICATE');
  });
});
