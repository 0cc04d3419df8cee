import { isOpenForClaims, isStaff, roleOf } from '@quanzi/core';
import { describe, expect, it } from 'vitest';

describe('roleOf', () => {
  it('lets roles outweigh the kind, the command center above officers', () => {
    expect(roleOf({ kind: 'resident', roles: ['command_center'] })).toBe('command');
    expect(roleOf({ kind: 'resident', roles: ['community_officer'] })).toBe('officer');
    expect(roleOf({ kind: 'officer', roles: ['command_center'] })).toBe('command');
    expect(roleOf({ kind: 'sensor', roles: ['security_officer'] })).toBe('officer');
    expect(roleOf({ kind: 'team', roles: [] })).toBe('qualified');
    expect(roleOf({ kind: 'organisation', roles: ['organisation'] })).toBe('resident');
  });

  it('counts a resident holding an officer role as staff, as the engine and rules do', () => {
    expect(isStaff({ kind: 'resident', roles: ['security_officer'] })).toBe(true);
    expect(isStaff({ kind: 'upstream', roles: [] })).toBe(true);
    expect(isStaff({ kind: 'qualified', roles: ['patrol_member'] })).toBe(false);
  });
});

describe('isOpenForClaims', () => {
  it('is a claimable state with a free slot', () => {
    expect(isOpenForClaims({ state: 'in_progress', claimCount: 1, slots: 3 })).toBe(true);
    expect(isOpenForClaims({ state: 'claimed', claimCount: 3, slots: 3 })).toBe(false);
    expect(isOpenForClaims({ state: 'submitted', claimCount: 0, slots: 3 })).toBe(false);
    expect(isOpenForClaims({ state: 'pending_review', claimCount: 0, slots: 1 })).toBe(false);
  });
});
