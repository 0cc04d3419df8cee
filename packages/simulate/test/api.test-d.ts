import type { RunResult, Scenario, ScenarioInput, SummaryRow } from '@quanzi/simulate';
import {
  loadScenario,
  renderReport,
  runScenario,
  runSweep,
  summarize,
  type toTidyCsv,
} from '@quanzi/simulate';
import { describe, expectTypeOf, it } from 'vitest';

describe('public API types', () => {
  it('infers what each step returns', () => {
    expectTypeOf(loadScenario).returns.toEqualTypeOf<Scenario>();
    expectTypeOf(runScenario).returns.toEqualTypeOf<RunResult>();
    expectTypeOf(runSweep).returns.toEqualTypeOf<Promise<RunResult[]>>();
    expectTypeOf(summarize).returns.toEqualTypeOf<SummaryRow[]>();
    expectTypeOf(renderReport).returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf<readonly RunResult[]>().toExtend<Parameters<typeof toTidyCsv>[0]>();
  });

  it('lets a file omit what has a default, and a validated scenario has it', () => {
    expectTypeOf<ScenarioInput['seeds']>().toEqualTypeOf<number[] | undefined>();
    expectTypeOf<Scenario['seeds']>().toEqualTypeOf<number[]>();
    expectTypeOf<Scenario['scheme']['credibilityWeighting']>().toEqualTypeOf<boolean>();
  });
});
