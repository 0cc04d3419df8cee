import { parseInput, QuanziError, toEpoch } from '@quanzi/core';
import { type Formula, FormulaSchema } from './FormulaSchema';
import { formulaError } from './formulaError';
import type { Period } from './resolvePeriod';

/** Options for {@link loadFormula}. */
export interface LoadFormulaOptions {
  /** Where the formula came from (a file path); named first in error messages. */
  readonly source?: string;
}

/**
 * Validates one assessment formula document (parsed data, e.g. a JSON response).
 * Anything invalid throws `QuanziError('invalid_formula')` whose issues name each bad
 * field (e.g. `pay.bands[1].upToPoints`) in English and Chinese. To read a formula
 * file's YAML or JSON text, use `loadFormula` from `@quanzi/assessment/files`, which
 * keeps the YAML parser out of this entry.
 *
 * @example
 * const formula = loadFormula(await (await fetch('/formulas/patrol.json')).json());
 */
export function loadFormula(document: unknown, options: LoadFormulaOptions = {}): Formula {
  // Text needs the YAML parser, which this entry leaves out of browser bundles on purpose.
  if (typeof document === 'string')
    throw formulaError(
      {
        en: `${options.source ? `${options.source}: ` : ''}got formula text, expected a parsed formula document. Fix: import loadFormula from '@quanzi/assessment/files' to read YAML or JSON text`,
        'zh-CN': `${options.source ? `${options.source}：` : ''}收到的是公式文本，应为已解析的公式文档。修改：从 '@quanzi/assessment/files' 导入 loadFormula 来读取 YAML 或 JSON 文本`,
      },
      [],
      undefined,
      'text_given',
    );
  return parseInput(FormulaSchema, document, { code: 'invalid_formula', source: options.source });
}

/** Every version of one formula, oldest first. */
export interface FormulaSet {
  readonly id: string;
  readonly versions: readonly Formula[];
}

/**
 * Groups the versions of one formula. Versions must share an `id`, be unique, and
 * take effect in version order, so "the version in force" is never ambiguous.
 */
export function createFormulaSet(formulas: readonly Formula[]): FormulaSet {
  // Formulas built in code rather than loaded from a file are checked here too.
  const sorted = formulas
    .map((formula, index) => ({
      index,
      formula: parseInput(FormulaSchema, formula, {
        code: 'invalid_formula',
        path: ['formulas', index],
      }),
    }))
    .sort((a, b) => a.formula.version - b.formula.version);
  const first = sorted[0]?.formula;
  if (!first)
    throw formulaError({ en: 'No formula given', 'zh-CN': '未提供考核公式' }, ['formulas']);
  sorted.forEach(({ formula, index }, i) => {
    const previous = sorted[i - 1]?.formula;
    if (formula.id !== first.id)
      throw formulaError(
        {
          en: `Formula ${formula.id} mixed with ${first.id}`,
          'zh-CN': `公式 ${formula.id} 与 ${first.id} 混在一起`,
        },
        ['formulas', index, 'id'],
      );
    if (
      previous &&
      (previous.version === formula.version ||
        toEpoch(previous.effectiveFrom) >= toEpoch(formula.effectiveFrom))
    )
      throw formulaError(
        {
          en: `Version ${formula.version} must be unique and take effect after version ${previous.version}`,
          'zh-CN': `版本 ${formula.version} 必须唯一，且生效时间晚于版本 ${previous.version}`,
        },
        ['formulas', index, 'effectiveFrom'],
      );
  });
  return { id: first.id, versions: sorted.map(({ formula }) => formula) };
}

/**
 * The version in force for a period: the newest one whose `effectiveFrom` is at or
 * before the period's start. Throws `QuanziError('not_found')` if none was yet in force.
 */
export function formulaFor(set: FormulaSet, period: Period): Formula {
  const start = toEpoch(period.from);
  const inForce = set.versions.filter((formula) => toEpoch(formula.effectiveFrom) <= start);
  const formula = inForce[inForce.length - 1];
  if (!formula)
    throw new QuanziError({
      code: 'not_found',
      path: ['formulas'],
      message: {
        en: `No version of formula ${set.id} was in force on ${period.from}`,
        'zh-CN': `${period.from} 时公式 ${set.id} 尚无生效版本`,
      },
    });
  return formula;
}
