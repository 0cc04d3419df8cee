import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Circle,
  CircleSchema,
  type Participant,
  type ParticipantInput,
  ParticipantSchema,
  type Position,
  parseInput,
  type Task,
  type TaskInput,
  TaskSchema,
} from '@quanzi/core';
import type { DecisionContext, ParticipantFacts, Policy, TaskFacts } from '@quanzi/rules';
import { loadPolicy } from '@quanzi/rules/files';

export const now = '2026-11-29T09:00:00Z';
/** Tiananmen-ish: every fixture task and participant sits around here. */
export const center: Position = [116.397, 39.909];

/** A point `east` and `north` metres from `from` (good enough at city scale). */
export function offset(from: Position, east: number, north: number): Position {
  const lat = from[1] + north / 111_320;
  return [from[0] + east / (111_320 * Math.cos((from[1] * Math.PI) / 180)), lat];
}

export function circle(model: Circle['model'] = 'extended', id = 'c1'): Circle {
  return parseInput(CircleSchema, { id, name: { en: 'Circle', 'zh-CN': '圈子' }, model });
}

export function participant(input: Partial<ParticipantInput> = {}): Participant {
  return parseInput(ParticipantSchema, {
    id: 'p1',
    circleId: 'c1',
    kind: 'resident',
    displayName: 'Li Lei',
    ...input,
  });
}

export function facts(input: Partial<ParticipantInput> = {}, level = 0, tags: string[] = []) {
  return { participant: participant(input), level, tags } satisfies ParticipantFacts;
}

export function task(input: Partial<TaskInput> = {}): Task {
  return parseInput(TaskSchema, {
    id: 't1',
    circleId: 'c1',
    publisherId: 'cmd',
    source: { kind: 'officer' },
    category: 'shared_bike_parking',
    title: 'Task',
    goal: 'Done',
    location: { type: 'Point', coordinates: center },
    createdAt: '2026-11-29T08:00:00Z',
    ...input,
  });
}

export function open(input: Partial<TaskInput> = {}, more: Partial<TaskFacts> = {}): TaskFacts {
  return { task: task(input), state: 'published', claimantIds: [], ...more };
}

export function context(
  model: Circle['model'] = 'extended',
  position: Position | null = center,
): DecisionContext {
  return { now, circle: circle(model), ...(position ? { position } : {}) };
}

const root = join(import.meta.dirname, '..', '..', '..');

export function examplePolicy(name: 'civilized-city' | 'police-district'): Policy {
  const file = join(root, 'examples', 'policies', `${name}.yaml`);
  return loadPolicy(readFileSync(file, 'utf8'), { source: file });
}

export const codes = (decision: { reasons: ReadonlyArray<{ code: string }> }) =>
  decision.reasons.map((reason) => reason.code);

/** A minimal valid policy document to vary in tests. */
export function minimalPolicy(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 1,
    id: 'p',
    name: { en: 'Policy', 'zh-CN': '策略' },
    tiers: [
      {
        id: 'base',
        name: { en: 'Base', 'zh-CN': '基础' },
        minLevel: 0,
        radiusMeters: 1000,
        maxDifficulty: 2,
      },
      {
        id: 'high',
        name: { en: 'High', 'zh-CN': '高级' },
        minLevel: 3,
        radiusMeters: 3000,
        maxDifficulty: 5,
      },
    ],
    ...extra,
  };
}
