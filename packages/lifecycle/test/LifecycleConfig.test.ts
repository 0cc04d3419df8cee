import { isQuanziError } from '@quanzi/core';
import { createLifecycleConfig } from '@quanzi/lifecycle';
import { describe, expect, it } from 'vitest';

describe('createLifecycleConfig', () => {
  it('fills in defaults', () => {
    expect(createLifecycleConfig()).toEqual({
      model: 'basic',
      review: 'pre_review',
      allowSelfClaim: false,
      leaseMinutes: 240,
      maxLeaseExtensions: 2,
      leaseWarningMinutes: 30,
      ratingWindowHours: 72,
    });
  });

  it('names the bad field in both languages', () => {
    const attempt = (input: object) => {
      try {
        createLifecycleConfig(input as never);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const unknownModel = attempt({ model: 'anarchy' });
    expect(isQuanziError(unknownModel) && unknownModel.path).toEqual(['model']);
    const lateWarning = attempt({ leaseMinutes: 30, leaseWarningMinutes: 30 });
    expect(isQuanziError(lateWarning) && lateWarning.path).toEqual(['leaseWarningMinutes']);
    expect(isQuanziError(lateWarning) && lateWarning.messages['zh-CN']).toMatch(/到期提醒/);
    expect(isQuanziError(attempt({ leaseMinutes: 0 }))).toBe(true);
    expect(isQuanziError(attempt({ extra: true }))).toBe(true);
  });
});
