import { type LocalizedText, QuanziError } from '@quanzi/core';
import type { AssessmentRow } from './assess';
import { type Breakdown, type BreakdownPart, eventIdsOf } from './breakdown';
import type { AssessedField } from './measure';

/** Why a row has the number it has: the parts, the events and a sentence in both languages. */
export interface Explanation {
  readonly field: AssessedField;
  readonly value: number | null;
  readonly formulaId: string;
  readonly formulaVersion: number;
  readonly combine: 'sum' | 'mean';
  readonly parts: readonly BreakdownPart[];
  /** Every event that contributed, once each. */
  readonly eventIds: readonly string[];
  readonly text: LocalizedText;
}

const shown = (value: number | null) => (value === null ? '—' : String(value));

/**
 * Explains one number of an assessment row down to the events that produced it,
 * e.g. why a staff member's score is 87.5.
 *
 * @example
 * explain(row, 'score').text['zh-CN'];
 * // 'score = 87.5（公式 patrol 第 2 版）= 各项之和：workload 12 × 2.5；…'
 */
export function explain(row: AssessmentRow, field: AssessedField): Explanation {
  const breakdown = row.breakdown[field] as Breakdown | undefined;
  if (!breakdown)
    throw new QuanziError({
      code: 'invalid_input',
      path: ['field'],
      message: {
        en: `No number called ${String(field)} to explain`,
        'zh-CN': `没有名为 ${String(field)} 的考核数值`,
      },
    });
  const value = row[field];
  const how = {
    en: breakdown.combine === 'sum' ? 'the sum of' : 'the mean of',
    zh: breakdown.combine === 'sum' ? '各项之和' : '各项平均',
  };
  const list = (locale: 'en' | 'zh-CN', sep: string) =>
    breakdown.parts.map((p) => `${p.label[locale]} → ${p.amount}`).join(sep) || '—';
  return {
    field,
    value,
    formulaId: row.formulaId,
    formulaVersion: row.formulaVersion,
    combine: breakdown.combine,
    parts: breakdown.parts,
    eventIds: eventIdsOf(breakdown),
    text: {
      en: `${field} = ${shown(value)} (formula ${row.formulaId} v${row.formulaVersion}) = ${how.en}: ${list('en', '; ')}`,
      'zh-CN': `${field} = ${shown(value)}（公式 ${row.formulaId} 第 ${row.formulaVersion} 版）= ${how.zh}：${list('zh-CN', '；')}`,
    },
  };
}
