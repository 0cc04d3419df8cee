import type { Circle } from '@quanzi/core';
import { createLifecycleConfig, type LifecycleConfig } from '@quanzi/lifecycle';
import { loadPolicy, type Policy } from '@quanzi/rules';
import type { Scenario } from './ScenarioSchema';
import { sectionOf } from './sectionOf';

/** The SDK objects a scenario's sections configure. */
export interface CompiledScenario {
  readonly circle: Circle;
  readonly policy: Policy;
  readonly lifecycle: LifecycleConfig;
}

/**
 * Builds the circle, the compiled policy and the lifecycle configuration of a
 * scenario with the SDK's own loaders; a bad section throws `invalid_scenario`
 * naming the field under `policy` or `lifecycle`.
 */
export function compileScenario(scenario: Scenario): CompiledScenario {
  const { id, model, review } = scenario.circle;
  const circle: Circle = {
    id,
    name: { en: scenario.name, 'zh-CN': scenario.name },
    model,
    review,
    timezone: 'UTC',
  };
  const policy = sectionOf('policy', () => loadPolicy(scenario.policy));
  const lifecycle = sectionOf('lifecycle', () =>
    createLifecycleConfig({ ...scenario.lifecycle, model, review }),
  );
  return { circle, policy, lifecycle };
}
