import type { Participant } from '@quanzi/core';
import { type Action, actions, type Policy } from '@quanzi/rules';
import { cellJudge, type Probe } from './policyMatrix';

/** The kinds of participant a diff asks about, each at every level that matters. */
export const diffRoles = ['resident', 'qualified', 'officer', 'command'] as const;

/** One of {@link diffRoles}: a qualified participant holds every qualification asked for. */
export type DiffRole = (typeof diffRoles)[number];

/** A denial reason as a diff reports it. */
export interface DiffReason {
  readonly code: string;
  readonly message: { readonly en: string; readonly 'zh-CN': string };
}

/**
 * One right that a policy change gives or takes: who (role, a range of levels, and the
 * tags or credibility a custom rule reads), on which category, for which action.
 */
export interface RightsChange {
  readonly role: DiffRole;
  /** The levels this answer holds for; `to` is `null` for "and above". */
  readonly levels: { readonly from: number; readonly to: number | null };
  /**
   * Present when the change holds only for participants with these tags and this
   * credibility (`null`: none recorded), as custom rules read them; absent when it
   * holds for everybody of that role and level.
   */
  readonly only?: { readonly tags: readonly string[]; readonly credibility: number | null };
  /** The tier id those levels fall in, under each policy. */
  readonly tier: { readonly before: string; readonly after: string };
  readonly category: string;
  readonly action: Action;
  readonly before: boolean;
  readonly after: boolean;
  /** Why the denying side denies (the new policy's reasons when it denies). */
  readonly reasons: readonly DiffReason[];
}

const roleProbe: Record<DiffRole, { kind: Participant['kind']; qualified: boolean }> = {
  resident: { kind: 'resident', qualified: false },
  qualified: { kind: 'qualified', qualified: true },
  officer: { kind: 'officer', qualified: true },
  command: { kind: 'command', qualified: true },
};

// Every participant comparison in the policy's conditions and custom rules.
function participantComparisons(policy: Policy): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
      return;
    }
    const record = node as Record<string, unknown>;
    if (record.fact === 'participant') found.push(record);
    for (const key of ['all', 'any', 'not'] as const) walk(record[key]);
  };
  for (const condition of Object.values(policy.document.conditions)) walk(condition);
  for (const rule of policy.document.rules) walk(rule.conditions);
  return found;
}

const numbers = (value: unknown): number[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is number => typeof v === 'number');
const strings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');

/**
 * The values of level, tags and credibility where some answer of either policy can
 * change. Answers are constant between two neighbouring levels here, so asking at
 * these levels asks about every level.
 */
function breakpoints(policies: readonly Policy[]) {
  const levels = new Set<number>([0]);
  const tags = new Set<string>();
  const credibility = new Set<number>();
  for (const policy of policies) {
    for (const tier of policy.tiers) levels.add(tier.minLevel);
    for (const comparison of participantComparisons(policy)) {
      const { path, operator, value } = comparison;
      if (path === '$.level' || operator === 'levelAtLeast')
        // Levels are integers: `> 2.5`, `>= 3`, `== 3` and `< 3` all turn at floor or floor + 1.
        for (const n of numbers(value)) levels.add(Math.floor(n)).add(Math.floor(n) + 1);
      if (operator === 'hasTag' || (typeof path === 'string' && path.startsWith('$.tags')))
        for (const tag of strings(value)) tags.add(tag);
      if (path === '$.credibility')
        for (const n of numbers(value))
          for (const near of [n - 1e-6, n, n + 1e-6])
            if (near >= 0 && near <= 1) credibility.add(near);
    }
  }
  const allTags = [...tags].sort();
  return {
    levels: [...levels].filter((l) => l >= 0 && l <= 1000).sort((a, b) => a - b),
    tagSets: [[], ...allTags.map((tag) => [tag]), ...(allTags.length > 1 ? [allTags] : [])],
    credibilities: [undefined, ...[...credibility].sort((a, b) => a - b)],
  };
}

/**
 * Every right a change from `before` to `after` gives or takes. Each role is asked at
 * every level where either policy's answer can turn (tier starts, level thresholds in
 * custom rules), with the tags and credibility custom rules read, on every category
 * of either policy and every action; so the list is empty exactly when the two
 * policies allow the same things.
 *
 * @example
 * const changes = diffPolicies(loadPolicy(oldText), loadPolicy(newText));
 */
export function diffPolicies(before: Policy, after: Policy): RightsChange[] {
  const { levels, tagSets, credibilities } = breakpoints([before, after]);
  const judge = { before: cellJudge(before), after: cellJudge(after) };
  const codes = [...new Set([...before.categories.keys(), ...after.categories.keys()])];
  const probes = tagSets.flatMap((tags) =>
    credibilities.map((credibility) => ({ tags, credibility })),
  );
  const changes: RightsChange[] = [];
  for (const role of diffRoles) {
    for (const [i, level] of levels.entries()) {
      const next = levels[i + 1];
      const levelRange = { from: level, to: next === undefined ? null : next - 1 };
      const tier = { before: before.tierFor(level).id, after: after.tierFor(level).id };
      for (const category of codes) {
        const qualifications = [
          ...(before.categories.get(category)?.requiredQualifications ?? []),
          ...(after.categories.get(category)?.requiredQualifications ?? []),
        ];
        for (const action of actions) {
          const flipped: RightsChange[] = [];
          for (const { tags, credibility } of probes) {
            const probe: Probe = {
              ...roleProbe[role],
              level,
              tags,
              ...(credibility === undefined ? {} : { credibility }),
            };
            const was = judge.before(probe, category, qualifications, action);
            const is = judge.after(probe, category, qualifications, action);
            if (was.allowed === is.allowed) continue;
            flipped.push({
              role,
              levels: levelRange,
              only: { tags, credibility: credibility ?? null },
              tier,
              category,
              action,
              before: was.allowed,
              after: is.allowed,
              reasons: (is.allowed ? was : is).reasons.map(({ code, message }) => ({
                code,
                message,
              })),
            });
          }
          // A change every probe shares is one change for everybody of that role and level.
          const shared = flipped[0];
          if (
            shared &&
            flipped.length === probes.length &&
            flipped.every((c) => c.after === shared.after)
          ) {
            const { only: _everybody, ...change } = shared;
            changes.push(change);
          } else changes.push(...flipped);
        }
      }
    }
  }
  return changes;
}
