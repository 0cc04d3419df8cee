import { loadPolicy } from '@quanzi/rules';
import { decideWithReference } from '@quanzi/rules/reference';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decisionCases, policyDocument } from './arbitraries';
import { codes } from './fixtures';

const casesPerPolicy = 400;
const policies = 250;

describe('compiled rules (generated and closures) vs json-rules-engine', () => {
  it(`agree on allowed and reason codes in ${policies * casesPerPolicy} random cases`, async () => {
    let compared = 0;
    let allowed = 0;
    await fc.assert(
      fc.asyncProperty(policyDocument, decisionCases(casesPerPolicy), async (document, cases) => {
        // Every generated document must pass the loader: the test covers valid policies.
        const policy = loadPolicy(document);
        // The fallback for pages whose Content Security Policy forbids generated code.
        const closures = loadPolicy(document, { compile: 'closures' });
        for (const { action, participant, task, context } of cases) {
          const fast = policy.decide(action, participant, task, context);
          const reference = await decideWithReference(policy, action, participant, task, context);
          expect(fast.allowed).toBe(reference.allowed);
          expect(codes(fast)).toEqual(codes(reference));
          expect(closures.decide(action, participant, task, context)).toEqual(fast);
          compared += 1;
          if (fast.allowed) allowed += 1;
        }
      }),
      { numRuns: policies },
    );
    expect(compared).toBeGreaterThanOrEqual(100_000);
    // Both outcomes must be common, or the comparison would prove little.
    expect(allowed / compared).toBeGreaterThan(0.02);
    expect(allowed / compared).toBeLessThan(0.98);
  }, 300_000);

  it('custom rules only add denials: built-in reasons are the same with or without them', () => {
    fc.assert(
      fc.property(policyDocument, decisionCases(50), (document, cases) => {
        const full = loadPolicy(document);
        const builtInOnly = loadPolicy({ ...document, rules: [] });
        const builtIn = new Set(builtInOnly.rules.map((rule) => rule.code));
        for (const { action, participant, task, context } of cases) {
          const withCustom = full.decide(action, participant, task, context);
          const without = builtInOnly.decide(action, participant, task, context);
          expect(codes(withCustom).filter((code) => builtIn.has(code))).toEqual(codes(without));
          if (withCustom.allowed) expect(without.allowed).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('never lets anyone below officer discover or view an officers- or command-only task', () => {
    fc.assert(
      fc.property(policyDocument, decisionCases(50), (document, cases) => {
        const policy = loadPolicy(document);
        for (const { participant, task, context } of cases) {
          const category = policy.categories.get(task.task.category);
          const sensitivity = task.task.sensitivity ?? category?.defaultSensitivity;
          const { kind, roles, circleId } = participant.participant;
          const officer =
            circleId === context.circle.id &&
            (['officer', 'command', 'upstream'].includes(kind) ||
              roles.some((role) =>
                ['community_officer', 'security_officer', 'command_center'].includes(role),
              ));
          if ((sensitivity === 'officers' || sensitivity === 'command') && !officer)
            for (const action of ['discover', 'view'] as const)
              expect(codes(policy.decide(action, participant, task, context))).toContain(
                'outside_scope',
              );
        }
      }),
      { numRuns: 100 },
    );
  });
});
