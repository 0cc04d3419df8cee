import type { LocalizedText } from '@quanzi/core';

/** One contribution to a number: what it was, how much it added, which events caused it. */
export interface BreakdownPart {
  readonly label: LocalizedText;
  readonly amount: number;
  readonly eventIds: readonly string[];
}

/**
 * How a number was made: the `sum` of its parts, or their `mean` (a rate is the mean
 * of 0/1 outcomes; an average rating the mean of ratings). Empty means are `null`.
 */
export interface Breakdown {
  readonly combine: 'sum' | 'mean';
  readonly parts: readonly BreakdownPart[];
}

/** The value a breakdown stands for. */
export function totalOf(breakdown: Breakdown): number | null {
  const total = breakdown.parts.reduce((sum, part) => sum + part.amount, 0);
  if (breakdown.combine === 'sum') return total;
  return breakdown.parts.length === 0 ? null : total / breakdown.parts.length;
}

/** A part in both languages. */
export function part(en: string, zh: string, amount: number, eventIds: readonly string[]) {
  return { label: { en, 'zh-CN': zh }, amount, eventIds } satisfies BreakdownPart;
}

/** Every event id a breakdown names, once each, in first-seen order. */
export function eventIdsOf(breakdown: Breakdown): string[] {
  return [...new Set(breakdown.parts.flatMap((p) => p.eventIds))];
}

/**
 * Adds a negative part that brings a sum down to `max` (or up to `min`), so the
 * breakdown still adds up to the reported value and the clamp is visible.
 */
export function clampSum(parts: BreakdownPart[], min: number | undefined, max: number | undefined) {
  const total = parts.reduce((sum, p) => sum + p.amount, 0);
  if (max !== undefined && total > max)
    parts.push(part(`capped at ${max}`, `上限 ${max}`, max - total, []));
  else if (min !== undefined && total < min)
    parts.push(part(`floor at ${min}`, `下限 ${min}`, min - total, []));
  return parts;
}
