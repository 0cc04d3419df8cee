import { QuanziError } from '@quanzi/core';
import { loadScenario } from './loadScenario';
import { splitPath } from './parseSweep';
import type { Scenario } from './ScenarioSchema';
import type { ParameterValue } from './TidyRow';

function setAt(target: Record<string | number, unknown>, path: string): (value: unknown) => void {
  const keys = splitPath(path);
  let node: Record<string | number, unknown> = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null)
      throw new QuanziError({
        code: 'invalid_scenario',
        path: keys,
        message: {
          en: `Sweep parameter "${path}" names no field of the scenario`,
          'zh-CN': `扫描参数“${path}”不是场景中的字段`,
        },
      });
    node = next as Record<string | number, unknown>;
  }
  const last = keys[keys.length - 1] ?? '';
  return (value) => {
    node[last] = value;
  };
}

/**
 * A copy of `scenario` with each `path → value` set and validated again, so a value
 * out of range fails with the same `invalid_scenario` error a file would.
 *
 * @example
 * withParameters(scenario, { 'game.multiplier': 3 });
 */
export function withParameters(
  scenario: Scenario,
  params: Readonly<Record<string, ParameterValue>>,
): Scenario {
  const copy = structuredClone(scenario) as unknown as Record<string, unknown>;
  for (const [path, value] of Object.entries(params)) setAt(copy, path)(value);
  return loadScenario(copy, { source: 'sweep' });
}
