import { type Circle, parseInput } from '@quanzi/core';
import { createLifecycleConfig, type LifecycleConfig } from '@quanzi/lifecycle';
import { type ReputationConfig, ReputationConfigSchema } from '@quanzi/reputation';
import { loadPolicy, type Policy } from '@quanzi/rules';
import type { Scenario } from './ScenarioSchema';
import { sectionOf } from './sectionOf';

/** The SDK objects a scenario's sections configure. */
export interface CompiledScenario {
  readonly circle: Circle;
  readonly policy: Policy;
  readonly lifecycle: LifecycleConfig;
  readonly reputation: ReputationConfig;
}

/**
 * Builds the circle, the compiled policy and the lifecycle configuration of a
 * scenario with the SDK's own loaders; a bad section throws `invalid_scenario`
 * naming the field under `policy`, `lifecycle` or `scheme.reputation`.
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
  const reputation = parseInput(ReputationConfigSchema, scenario.scheme.reputation, {
    code: 'invalid_scenario',
    path: ['scheme', 'reputation'],
  });
  return { circle, policy, lifecycle, reputation };
}
