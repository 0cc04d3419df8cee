import { loadPolicy } from '@quanzi/rules';
import { describe, expect, it } from 'vitest';
import { center, codes, context, facts, minimalPolicy, offset, open } from './fixtures';

const deny = (code: string, conditions: unknown) => ({
  name: code,
  actions: ['claim'],
  conditions,
  reason: { code, message: { en: code, 'zh-CN': code } },
});

// Each custom rule denies when its operator holds, so the reason codes show which held.
const policy = loadPolicy(
  minimalPolicy({
    rules: [
      deny('within_300', { all: [{ fact: 'context', operator: 'withinMeters', value: 300 }] }),
      deny('has_first_aid', {
        all: [{ fact: 'participant', operator: 'hasQualification', value: 'first_aid' }],
      }),
      deny('level_2', { all: [{ fact: 'participant', operator: 'levelAtLeast', value: 2 }] }),
      deny('in_team_a', { all: [{ fact: 'participant', operator: 'inTeam', value: ['team_a'] }] }),
      deny('tagged', {
        all: [{ fact: 'participant', operator: 'hasTag', value: ['night', 'rain'] }],
      }),
      deny('veteran', {
        all: [{ fact: 'participant', operator: 'hasRole', value: ['veteran', 'retired_cadre'] }],
      }),
    ],
  }),
);
const custom = new Set(policy.rules.filter((rule) => !rule.builtIn).map((rule) => rule.code));
const customCodes = (decision: { reasons: ReadonlyArray<{ code: string }> }) =>
  codes(decision).filter((code) => custom.has(code));

describe('domain operators', () => {
  const task = open({ location: { type: 'Point', coordinates: offset(center, 200, 0) } });

  it('none hold for a plain newcomer 200 m away except withinMeters', () => {
    expect(customCodes(policy.decide('claim', facts(), task, context()))).toEqual(['within_300']);
    const far = open({ location: { type: 'Point', coordinates: offset(center, 400, 0) } });
    expect(customCodes(policy.decide('claim', facts(), far, context()))).toEqual([]);
  });

  it('each holds exactly when its participant fact says so', () => {
    const who = facts(
      {
        roles: ['retired_cadre'],
        teamIds: ['team_a'],
        qualifications: [
          {
            code: 'first_aid',
            issuer: 'Red Cross',
            issuedAt: '2025-01-01T00:00:00Z',
            expiresAt: '2027-01-01T00:00:00Z',
          },
        ],
      },
      2,
      ['rain', 'night', 'x'],
    );
    expect(customCodes(policy.decide('claim', who, task, context()))).toEqual([
      'within_300',
      'has_first_aid',
      'level_2',
      'in_team_a',
      'tagged',
      'veteran',
    ]);
    const partly = facts({ teamIds: ['team_b'] }, 1, ['rain']);
    expect(customCodes(policy.decide('claim', partly, task, context()))).toEqual(['within_300']);
  });

  it('hasQualification ignores an expired qualification', () => {
    const lapsed = facts({
      qualifications: [
        {
          code: 'first_aid',
          issuer: 'Red Cross',
          issuedAt: '2025-01-01T00:00:00Z',
          expiresAt: '2026-01-01T00:00:00Z',
        },
      ],
    });
    expect(customCodes(policy.decide('claim', lapsed, task, context()))).not.toContain(
      'has_first_aid',
    );
  });

  it('withinMeters never holds when the position is unknown', () => {
    expect(customCodes(policy.decide('claim', facts(), task, context('extended', null)))).toEqual(
      [],
    );
  });
});
