import type { TaskInput } from '@quanzi/core';
import {
  createLifecycleConfig,
  createTaskSnapshot,
  type LifecycleActor,
  type LifecycleConfig,
  type LifecycleConfigInput,
  type TaskCommand,
  type TaskCommandOf,
  type TaskSnapshot,
  transitionTask,
} from '@quanzi/lifecycle';
import { expect } from 'vitest';

export const t0 = '2026-11-29T08:00:00.000Z';

/** `t0` plus `minutes`. */
export const at = (minutes: number) => new Date(Date.parse(t0) + minutes * 60_000).toISOString();

export const actors = {
  command: { id: 'cmd', role: 'command' },
  officer: { id: 'off', role: 'officer' },
  resident: { id: 'res', role: 'resident' },
  q1: { id: 'q1', role: 'qualified' },
  q2: { id: 'q2', role: 'qualified' },
  q3: { id: 'q3', role: 'qualified' },
  upstream: { id: 'up', role: 'upstream' },
  system: { id: 'system', role: 'system' },
} as const;

export function taskInput(overrides: Partial<TaskInput> = {}): TaskInput {
  return {
    id: 't1',
    circleId: 'xinhua',
    publisherId: 'cmd',
    source: { kind: 'officer' },
    category: 'shared_bike_parking',
    title: 'Move 3 bikes back into the box',
    goal: 'Pavement clear',
    location: { type: 'Point', coordinates: [116.4, 39.9] },
    createdAt: t0,
    ...overrides,
  };
}

/** Applies commands in order, failing the test on the first refusal. */
export function run(
  snapshot: TaskSnapshot,
  commands: TaskCommand[],
  config: LifecycleConfig,
): { snapshot: TaskSnapshot; events: { type: string; data: unknown }[] } {
  let current = snapshot;
  const events: { type: string; data: unknown }[] = [];
  for (const command of commands) {
    const result = transitionTask(current, command, config);
    if (!result.ok) expect.fail(`${command.type} refused: ${result.reason.code}`);
    current = result.snapshot;
    events.push(...result.events);
  }
  return { snapshot: current, events };
}

/** A task published by the command center, with the given config. */
export function published(
  configInput: LifecycleConfigInput = {},
  task: Partial<TaskInput> = {},
): { snapshot: TaskSnapshot; config: LifecycleConfig } {
  const config = createLifecycleConfig(configInput);
  const { snapshot } = run(
    createTaskSnapshot(taskInput(task)),
    [{ type: 'publish', actor: actors.command, at: t0 }],
    config,
  );
  return { snapshot, config };
}

/** The code of a refusal; fails the test when the command is allowed. */
export const refusal = (
  snapshot: TaskSnapshot,
  command: TaskCommand,
  config = createLifecycleConfig(),
) => {
  const result = transitionTask(snapshot, command, config);
  if (result.ok) expect.fail(`${command.type} was allowed`);
  return result.reason.code;
};
/** A claim by `actor` at minute `minute`. */
export const claim = (actor: LifecycleActor, minute = 1): TaskCommandOf<'claim'> => ({
  type: 'claim',
  actor,
  at: at(minute),
});
export const evidence = [{ type: 'image' as const, url: 'https://example.org/bikes.jpg' }];
/** A submission with one photo by `actor`. */
export const submit = (actor: LifecycleActor, minute = 3): TaskCommandOf<'submit'> => ({
  type: 'submit',
  actor,
  at: at(minute),
  evidence,
});

/** A task claimed, started and submitted by q1. */
export function submittedTask(configInput = {}, task = {}) {
  const { snapshot, config } = published(configInput, task);
  return {
    config,
    ...run(
      snapshot,
      [claim(actors.q1), { type: 'start', actor: actors.q1, at: at(2) }, submit(actors.q1)],
      config,
    ),
  };
}
