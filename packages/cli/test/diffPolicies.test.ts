import { actions, loadPolicy, type Policy } from '@quanzi/rules';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffPolicies, diffRoles } from '../src/index';
import { cellJudge } from '../src/policyMatrix';

const name = (text: string) => ({ en: text, 'zh-CN': text });

const category = (code: string, difficulty: number, qualifications: string[]) => ({
  code,
  name: name(code),
  group: 'civic',
  defaultDifficulty: difficulty,
  defaultSensitivity: 'public',
  requiredQualifications: qualifications,
  slaHours: 24,
});

// Small random policies over everything that moves a right: tier starts and sizes,
// the model, reserved categories, and custom rules reading level, tags and credibility.
const policyArbitrary = fc
  .record({
    starts: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 3 }),
    difficulties: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 4, maxLength: 4 }),
    model: fc.constantFrom('basic', 'extended'),
    reserve: fc.option(fc.integer({ min: 0, max: 3 })),
    levelRule: fc.option(
      fc.record({
        operator: fc.constantFrom('lessThan', 'greaterThan', 'equal'),
        value: fc.integer({ min: 0, max: 8 }),
        action: fc.constantFrom(...actions),
      }),
    ),
    tagRule: fc.option(fc.constantFrom('flagged', 'trusted')),
    credibilityRule: fc.option(fc.constantFrom(0.2, 0.5)),
  })
  .map(({ starts, difficulties, model, reserve, levelRule, tagRule, credibilityRule }) => {
    const levels = [0, ...starts].sort((a, b) => a - b);
    const tiers = levels.map((minLevel, i) => ({
      id: `t${i}`,
      name: name(`Tier ${i}`),
      minLevel,
      radiusMeters: 1000,
      maxDifficulty: difficulties[i] ?? 5,
    }));
    const reserved = reserve !== null && reserve < tiers.length ? `t${reserve}` : undefined;
    const rule = (ruleName: string, ruleActions: string[], condition: object) => ({
      name: ruleName,
      actions: ruleActions,
      conditions: { all: [condition] },
      reason: { code: ruleName, message: name(ruleName) },
    });
    const rules = [
      ...(levelRule
        ? [
            rule('by-level', [levelRule.action], {
              fact: 'participant',
              path: '$.level',
              operator: levelRule.operator,
              value: levelRule.value,
            }),
          ]
        : []),
      ...(tagRule
        ? [rule('by-tag', ['claim'], { fact: 'participant', operator: 'hasTag', value: tagRule })]
        : []),
      ...(credibilityRule !== null
        ? [
            rule('by-credibility', ['publish'], {
              fact: 'participant',
              path: '$.credibility',
              operator: 'lessThan',
              value: credibilityRule,
            }),
          ]
        : []),
    ];
    return {
      version: 1,
      id: 'p',
      name: name('p'),
      model,
      tiers,
      useDefaultCategories: false,
      categories: [
        category('easy', 1, []),
        { ...category('hard', 4, ['trained']), ...(reserved ? { minTier: reserved } : {}) },
      ],
      rules,
    };
  });

// The reference: ask every level from 0 to past the last threshold, every tag set and
// credibility the generator can write, with no breakpoint reasoning at all.
function permissionMatrix(policy: Policy): boolean[] {
  const judge = cellJudge(policy);
  const answers: boolean[] = [];
  for (const role of diffRoles)
    for (let level = 0; level <= 10; level++)
      for (const tags of [[], ['flagged'], ['trusted']])
        for (const credibility of [undefined, 0.1, 0.3, 0.6])
          for (const code of ['easy', 'hard'])
            for (const action of actions) {
              const probe = {
                kind: role,
                qualified: role !== 'resident',
                level,
                tags,
                ...(credibility === undefined ? {} : { credibility }),
              };
              const qualifications = code === 'hard' ? ['trained'] : [];
              answers.push(judge(probe, code, qualifications, action).allowed);
            }
  return answers;
}

describe('diffPolicies', () => {
  it('is empty exactly when two policies allow the same things at every level', () => {
    fc.assert(
      fc.property(policyArbitrary, policyArbitrary, (a, b) => {
        const before = loadPolicy(a);
        const after = loadPolicy(b);
        const same =
          JSON.stringify(permissionMatrix(before)) === JSON.stringify(permissionMatrix(after));
        expect(diffPolicies(before, after).length === 0).toBe(same);
      }),
      { numRuns: 25, seed: 16 },
    );
  });

  it('names exactly the levels whose rights change, when tiers and level rules move', () => {
    const byLevel = policyArbitrary.map((document) => ({
      ...document,
      rules: document.rules.filter((rule) => rule.name === 'by-level'),
    }));
    // Every (role, level, category, action) whose answer differs, asked level by level.
    const flippedCells = (before: Policy, after: Policy) => {
      const judges = [cellJudge(before), cellJudge(after)] as const;
      const cells: string[] = [];
      for (const role of diffRoles)
        for (let level = 0; level <= 10; level++)
          for (const code of ['easy', 'hard'])
            for (const action of actions) {
              const probe = { kind: role, qualified: role !== 'resident', level };
              const qualifications = code === 'hard' ? ['trained'] : [];
              const [was, is] = judges.map((judge) => judge(probe, code, qualifications, action));
              if (was?.allowed !== is?.allowed) cells.push(`${role}|${level}|${code}|${action}`);
            }
      return cells.sort();
    };
    fc.assert(
      fc.property(byLevel, byLevel, (a, b) => {
        const before = loadPolicy(a);
        const after = loadPolicy(b);
        const reported = diffPolicies(before, after).flatMap((change) => {
          expect(change.only).toBeUndefined();
          const levels: number[] = [];
          for (let level = change.levels.from; level <= (change.levels.to ?? 10); level++)
            levels.push(level);
          return levels.map(
            (level) => `${change.role}|${level}|${change.category}|${change.action}`,
          );
        });
        expect(reported.sort()).toEqual(flippedCells(before, after));
      }),
      { numRuns: 40, seed: 16 },
    );
  });
});
