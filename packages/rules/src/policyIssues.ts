import {
  CategorySchema,
  defaultCategories,
  type FieldPath,
  type QuanziIssue,
  safeParseInput,
} from '@quanzi/core';
import { builtInCodes } from './builtInRules';
import type { Condition, FactCondition } from './ConditionSchema';
import { closestName } from './closestName';
import { factFields } from './facts';
import type { PolicyDocument } from './PolicySchema';

const issue = (path: FieldPath, code: string, en: string, zh: string): QuanziIssue => ({
  path,
  code,
  message: { en, 'zh-CN': zh },
});

function duplicates<T>(items: readonly T[], key: (item: T) => string | number, path: FieldPath) {
  const seen = new Set<string | number>();
  return items.flatMap((item, index) => {
    const value = key(item);
    if (!seen.has(value)) {
      seen.add(value);
      return [];
    }
    return [
      issue(
        [...path, index],
        'duplicate',
        `"${value}" appears twice. Fix: give each entry its own value`,
        `“${value}”重复出现。修改：每一项使用不同的值`,
      ),
    ];
  });
}

function tierIssues(document: PolicyDocument): QuanziIssue[] {
  const issues = [
    ...duplicates(document.tiers, (tier) => tier.id, ['tiers']),
    ...duplicates(document.tiers, (tier) => tier.minLevel, ['tiers']),
  ];
  document.tiers.forEach((tier, index) => {
    const next = document.tiers[index + 1];
    // Tiers are a ladder read top to bottom; one out of order is almost always a typo
    // (20 for 2), and accepting it would silently move who gets which rights.
    if (next && tier.minLevel > next.minLevel)
      issues.push(
        issue(
          ['tiers', index, 'minLevel'],
          'tiers_out_of_order',
          `Tier "${tier.id}" starts at level ${tier.minLevel}, above the next tier "${next.id}" (level ${next.minLevel}). Fix: list tiers from the lowest minLevel up, or correct the level`,
          `层级“${tier.id}”从 ${tier.minLevel} 级开始，高于下一个层级“${next.id}”（${next.minLevel} 级）。修改：按 minLevel 从低到高排列层级，或更正级别`,
        ),
      );
  });
  if (!document.tiers.some((tier) => tier.minLevel === 0))
    issues.push(
      issue(
        ['tiers'],
        'no_base_tier',
        'No tier starts at level 0, so newcomers belong to none. Fix: set minLevel: 0 on the first tier',
        '没有从 0 级开始的层级，新成员无所属层级。修改：将第一个层级的 minLevel 设为 0',
      ),
    );
  return issues;
}

function categoryIssues(document: PolicyDocument): QuanziIssue[] {
  const tiers = new Set(document.tiers.map((tier) => tier.id));
  const builtIn = new Set(
    document.useDefaultCategories ? defaultCategories.map((c) => c.code) : [],
  );
  const issues = duplicates(document.categories, (category) => category.code, ['categories']);
  document.categories.forEach((category, index) => {
    const path = ['categories', index];
    if (category.minTier !== undefined && !tiers.has(category.minTier))
      issues.push(
        issue(
          [...path, 'minTier'],
          'unknown_tier',
          `Tier "${category.minTier}" is not defined. Fix: use one of ${[...tiers].join(', ')}`,
          `层级“${category.minTier}”未定义。修改：使用 ${[...tiers].join('、')} 之一`,
        ),
      );
    if (builtIn.has(category.code)) return;
    const { minTier: _, ...fields } = category;
    const parsed = safeParseInput(CategorySchema, fields, { code: 'invalid_policy', path });
    if (parsed.ok) return;
    const every =
      'name, group, defaultDifficulty, defaultSensitivity, requiredQualifications, slaHours';
    const guess = closestName(category.code, builtIn);
    if (guess !== undefined) {
      // Most likely a typo: one issue with the suggestion, not one per missing field.
      issues.push(
        issue(
          [...path, 'code'],
          'unknown_category',
          `"${category.code}" is not a known category. Fix: did you mean "${guess}"? If it is a new category, give it every field (${every})`,
          `“${category.code}”不是已知的类别。修改：是否应为“${guess}”？若是新类别，须填写全部字段（${every.replaceAll(', ', '、')}）`,
        ),
      );
      return;
    }
    // The hint once per category, on its first problem.
    const [first, ...rest] = parsed.error.issues;
    if (first)
      issues.push({
        ...first,
        message: {
          en: `${first.message.en}. Fix: "${category.code}" is a new category, so give it every field (${every})`,
          'zh-CN': `${first.message['zh-CN']}。修改：“${category.code}”是新类别，须填写全部字段（${every.replaceAll(', ', '、')}）`,
        },
      });
    issues.push(...rest);
  });
  return issues;
}

const participantOperators = new Set([
  'hasQualification',
  'levelAtLeast',
  'inTeam',
  'hasTag',
  'hasRole',
]);
const numericOperators = new Set([
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
]);

function fieldIssue(fact: string, path: string | undefined, at: FieldPath): QuanziIssue[] {
  const first = path?.match(/^\$\.([A-Za-z_][A-Za-z0-9_]*)/)?.[1];
  const known: readonly string[] = factFields[fact as keyof typeof factFields];
  if (first === undefined || known.includes(first)) return [];
  return [
    issue(
      at,
      'unknown_fact',
      `The ${fact} fact has no field "${first}". Fix: use one of ${known.join(', ')}`,
      `${fact} 事实没有字段“${first}”。修改：使用 ${known.join('、')} 之一`,
    ),
  ];
}

function comparisonIssues(condition: FactCondition, at: FieldPath): QuanziIssue[] {
  const issues = fieldIssue(condition.fact, condition.path, [...at, 'path']);
  const { value, operator } = condition;
  const isReference = typeof value === 'object' && value !== null && !Array.isArray(value);
  if (isReference) issues.push(...fieldIssue(value.fact, value.path, [...at, 'value', 'path']));
  const wrong = (en: string, zh: string) => issues.push(issue(at, 'operator_misuse', en, zh));
  if (participantOperators.has(operator) && (condition.fact !== 'participant' || condition.path))
    wrong(
      `${operator} reads the whole participant. Fix: write fact: participant and no path`,
      `${operator} 作用于整个参与者。修改：写 fact: participant，且不写 path`,
    );
  if (operator === 'withinMeters' && (condition.fact !== 'context' || condition.path))
    wrong(
      'withinMeters reads the distance in the context. Fix: write fact: context and no path',
      'withinMeters 读取 context 中的距离。修改：写 fact: context，且不写 path',
    );
  // A fact reference could resolve to null at decision time and make the check throw.
  if ((operator === 'in' || operator === 'notIn') && !Array.isArray(value))
    wrong(
      `${operator} needs a written list. Fix: write value: [a, b]`,
      `${operator} 需要写明的列表。修改：写 value: [a, b]`,
    );
  if (numericOperators.has(operator) && !isReference && typeof value !== 'number')
    wrong(
      `${operator} compares numbers. Fix: write a number`,
      `${operator} 比较数值。修改：填写数字`,
    );
  return issues;
}

/** Walks a condition tree, collecting the named references it makes. */
function conditionIssues(
  condition: Condition,
  at: FieldPath,
  references: Set<string>,
): QuanziIssue[] {
  if ('all' in condition)
    return condition.all.flatMap((part, i) => conditionIssues(part, [...at, 'all', i], references));
  if ('any' in condition)
    return condition.any.flatMap((part, i) => conditionIssues(part, [...at, 'any', i], references));
  if ('not' in condition) return conditionIssues(condition.not, [...at, 'not'], references);
  if ('condition' in condition) {
    references.add(condition.condition);
    return [];
  }
  return comparisonIssues(condition, at);
}

function unknownReferences(references: Set<string>, named: Record<string, unknown>, at: FieldPath) {
  const known = Object.keys(named);
  return [...references]
    .filter((name) => !Object.hasOwn(named, name))
    .map((name) =>
      issue(
        at,
        'unknown_condition',
        `Condition "${name}" is not defined. Fix: add it under conditions${known.length ? ` or use one of ${known.join(', ')}` : ''}`,
        `条件“${name}”未定义。修改：在 conditions 下定义它${known.length ? `，或使用 ${known.join('、')} 之一` : ''}`,
      ),
    );
}

function cycleIssues(graph: Map<string, Set<string>>): QuanziIssue[] {
  const done = new Set<string>();
  const visit = (name: string, trail: string[]): string[] | undefined => {
    if (trail.includes(name)) return [...trail.slice(trail.indexOf(name)), name];
    if (done.has(name)) return undefined;
    for (const next of graph.get(name) ?? []) {
      const cycle = visit(next, [...trail, name]);
      if (cycle) return cycle;
    }
    done.add(name);
    return undefined;
  };
  for (const name of graph.keys()) {
    const cycle = visit(name, []);
    if (cycle)
      return [
        issue(
          ['conditions', name],
          'circular_reference',
          `Conditions refer to each other in a circle: ${cycle.join(' → ')}. Fix: break the loop`,
          `条件之间循环引用：${cycle.join(' → ')}。修改：打破循环`,
        ),
      ];
  }
  return [];
}

function ruleIssues(document: PolicyDocument): QuanziIssue[] {
  const reserved = new Set<string>(builtInCodes);
  const issues = duplicates(document.rules, (rule) => rule.name, ['rules']);
  const graph = new Map<string, Set<string>>();
  for (const [name, condition] of Object.entries(document.conditions)) {
    const references = new Set<string>();
    issues.push(...conditionIssues(condition, ['conditions', name], references));
    issues.push(...unknownReferences(references, document.conditions, ['conditions', name]));
    graph.set(name, references);
  }
  document.rules.forEach((rule, index) => {
    const references = new Set<string>();
    issues.push(...conditionIssues(rule.conditions, ['rules', index, 'conditions'], references));
    issues.push(
      ...unknownReferences(references, document.conditions, ['rules', index, 'conditions']),
    );
    if (reserved.has(rule.reason.code))
      issues.push(
        issue(
          ['rules', index, 'reason', 'code'],
          'reserved_code',
          `"${rule.reason.code}" is a built-in reason. Fix: choose another code`,
          `“${rule.reason.code}”是内置原因代码。修改：换一个代码`,
        ),
      );
  });
  return [...issues, ...cycleIssues(graph)];
}

/**
 * The problems zod cannot see: duplicate ids, unknown tiers, incomplete new
 * categories, unknown fields and named conditions, cycles and misused operators.
 */
export function policyIssues(document: PolicyDocument): QuanziIssue[] {
  return [...tierIssues(document), ...categoryIssues(document), ...ruleIssues(document)];
}
