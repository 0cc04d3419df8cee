import { describe, expectTypeOf, it } from 'vitest';
import {
  type AssessedField,
  type AssessmentRow,
  assess,
  type CircleHealth,
  circleHealth,
  type Explanation,
  explain,
  type Formula,
  type FormulaSet,
  loadFormula,
} from '../src/index';
import { november, smallCircle, v1 } from './fixtures/smallCircle';

describe('public types', () => {
  it('infers what each function returns and accepts', () => {
    expectTypeOf(loadFormula).returns.toEqualTypeOf<Formula>();
    expectTypeOf(assess)
      .parameter(1)
      .toHaveProperty('formulas')
      .toEqualTypeOf<FormulaSet | readonly Formula[]>();
    expectTypeOf(assess).returns.toEqualTypeOf<AssessmentRow[]>();
    expectTypeOf(circleHealth).returns.toEqualTypeOf<CircleHealth>();
    expectTypeOf(explain).parameter(1).toEqualTypeOf<AssessedField>();
    expectTypeOf<AssessmentRow['completionRate']>().toEqualTypeOf<number | null>();
    const [row] = assess(smallCircle().events, { formulas: [v1], period: november });
    if (row) expectTypeOf(explain(row, 'pay')).toEqualTypeOf<Explanation>();
    // Never called: these lines only have to fail to compile.
    const _wrong = (r: AssessmentRow) => {
      // @ts-expect-error: only assessed numbers can be explained
      explain(r, 'displayName');
      // @ts-expect-error: a period needs a kind
      assess([], { formulas: [v1], period: { containing: '2026-11-01' } });
    };
  });
});
