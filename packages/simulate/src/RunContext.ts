import type { Circle, Random } from '@quanzi/core';
import type { LifecycleConfig } from '@quanzi/lifecycle';
import type { ReputationConfig } from '@quanzi/reputation';
import type { Policy } from '@quanzi/rules';
import type { Agents } from './createAgents';
import type { EventSink, TaskRunner } from './createTaskRunner';
import type { Scenario } from './ScenarioSchema';

/** What one run shares between its parts. */
export interface RunContext {
  readonly scenario: Scenario;
  readonly circle: Circle;
  readonly policy: Policy;
  readonly lifecycle: LifecycleConfig;
  readonly reputation: ReputationConfig;
  readonly agents: Agents;
  readonly runner: TaskRunner;
  /** Listeners of every event the run emits (reputation subscribes here). */
  readonly sinks: EventSink[];
  /** Independent random streams, so one part's draws never shift another's. */
  readonly streams: {
    readonly arrivals: Random;
    readonly reports: Random;
    readonly agents: Random;
    readonly review: Random;
  };
  /** The ISO instant of `step` hours after the start. */
  instantAt(step: number): string;
  /** Adds one tidy row for the current run. */
  record(step: number, metric: string, value: number): void;
}

/** The command center's actor in lifecycle commands. */
export const commandActor = { id: 'command-center', role: 'command' } as const;

/** A model a run advances hour by hour and samples into tidy rows. */
export interface SimulationModel {
  /** Simulates the hour starting at `step`. */
  advance(step: number): void;
  /** Records the metrics as of `step` hours after the start. */
  sample(step: number): void;
}
