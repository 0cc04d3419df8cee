import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFormula } from '@quanzi/assessment/files';
import {
  type Circle,
  createManualClock,
  createSequentialIds,
  type ManualClock,
  type ParticipantInput,
  type Position,
} from '@quanzi/core';
import { loadPolicy } from '@quanzi/rules';
import type { z } from 'zod';
import {
  type CommandBody,
  type CommandInput,
  createEngine,
  type Engine,
  type EngineOptions,
} from '../src/index';

export const start = '2026-11-29T08:00:00Z';

/** The example auxiliary-staff formula, for tests that assess. */
export const staffFormula = loadFormula(
  readFileSync(
    join(import.meta.dirname, '../../../examples/formulas/auxiliary-staff.v1.yaml'),
    'utf8',
  ),
  { source: 'auxiliary-staff.v1.yaml' },
);
/** The month of {@link start}. */
export const assessmentPeriod = {
  kind: 'month',
  containing: '2026-11-29',
  timezone: 'UTC',
} as const;

function square(west: number, south: number, size: number): NonNullable<Circle['boundary']> {
  const [e, n] = [west + size, south + size];
  return {
    type: 'Polygon',
    coordinates: [
      [
        [west, south],
        [e, south],
        [e, n],
        [west, n],
        [west, south],
      ],
    ],
  };
}

/** Two neighbouring districts split at longitude 116.40. */
export const circles = [
  {
    id: 'xinhua',
    name: { en: 'Xinhua', 'zh-CN': '新华警务区' },
    model: 'extended',
    review: 'pre_review',
    boundary: square(116.39, 39.9, 0.01),
  },
  {
    id: 'dongcheng',
    name: { en: 'Dongcheng', 'zh-CN': '东城警务区' },
    model: 'extended',
    review: 'pre_review',
    boundary: square(116.4, 39.9, 0.01),
  },
] as const satisfies ReadonlyArray<z.input<typeof import('@quanzi/core').CircleSchema>>;

/** Inside Xinhua, 300 m west of the border. */
export const xinhuaSpot: Position = [116.3965, 39.905];
/** Inside Dongcheng, 300 m east of the border. */
export const dongchengSpot: Position = [116.4035, 39.905];

export const policy = loadPolicy({
  version: 1,
  id: 'test',
  name: { en: 'Test', 'zh-CN': '测试' },
  tiers: [
    {
      id: 'newcomer',
      name: { en: 'Newcomer', 'zh-CN': '新手' },
      minLevel: 0,
      radiusMeters: 2000,
      maxDifficulty: 5,
    },
  ],
});

/** {@link circles} renamed, with Xinhua's boundary reaching 500 m further north and south. */
export const redrawnCircles: ReadonlyArray<z.input<typeof import('@quanzi/core').CircleSchema>> = [
  {
    ...circles[0],
    name: { en: 'Xinhua district', 'zh-CN': '新华街道' },
    boundary: {
      type: 'Polygon',
      coordinates: [
        [
          [116.39, 39.8955],
          [116.4, 39.8955],
          [116.4, 39.9145],
          [116.39, 39.9145],
          [116.39, 39.8955],
        ],
      ],
    },
  },
  { ...circles[1], name: { en: 'Dongcheng district', 'zh-CN': '东城街道' } },
];

/**
 * {@link policy} after a municipality's routine edit: smaller radii, easier tasks only, a
 * second tier, other ranking weights; its lifecycle terms stay.
 */
export const editedTiers = loadPolicy({
  ...policy.document,
  tiers: [
    {
      id: 'newcomer',
      name: { en: 'Newcomer', 'zh-CN': '新手' },
      minLevel: 0,
      radiusMeters: 300,
      maxDifficulty: 2,
    },
    {
      id: 'regular',
      name: { en: 'Regular', 'zh-CN': '常客' },
      minLevel: 2,
      radiusMeters: 1500,
      maxDifficulty: 4,
    },
  ],
  ranking: { distance: 3, urgency: 0 },
});

const point = (coordinates: Position) => ({ type: 'Point' as const, coordinates });

/** The people of Xinhua (and one of Dongcheng). */
export const people: ParticipantInput[] = [
  {
    id: 'cmd',
    circleId: 'xinhua',
    kind: 'command',
    displayName: 'Xinhua command center',
    roles: ['command_center'],
  },
  {
    id: 'officer',
    circleId: 'xinhua',
    kind: 'officer',
    displayName: 'Officer Wang',
    roles: ['community_officer'],
  },
  {
    id: 'q1',
    circleId: 'xinhua',
    kind: 'qualified',
    displayName: 'Zhang Wei',
    roles: ['safety_volunteer'],
    home: point(xinhuaSpot),
  },
  {
    id: 'q2',
    circleId: 'xinhua',
    kind: 'qualified',
    displayName: 'Liu Fang',
    roles: ['patrol_member'],
    home: point(xinhuaSpot),
  },
  {
    id: 'grid',
    circleId: 'xinhua',
    kind: 'qualified',
    displayName: 'Grid worker Chen',
    roles: ['grid_worker'],
  },
  {
    id: 'r1',
    circleId: 'xinhua',
    kind: 'resident',
    displayName: 'Li Na',
    home: point([116.39512345, 39.90187654]),
    privacy: { anonymous: true, contactable: true },
  },
  {
    id: 'upstream',
    circleId: 'xinhua',
    kind: 'upstream',
    displayName: 'City platform',
    roles: ['upstream_platform'],
  },
  { id: 'cam7', circleId: 'xinhua', kind: 'sensor', displayName: 'Camera 7', roles: ['sensor'] },
  {
    id: 'dcmd',
    circleId: 'dongcheng',
    kind: 'command',
    displayName: 'Dongcheng command center',
    roles: ['command_center'],
  },
  {
    id: 'dq',
    circleId: 'dongcheng',
    kind: 'qualified',
    displayName: 'Dongcheng volunteer',
    home: point(dongchengSpot),
  },
];

let counter = 0;
/** A unique idempotency key. */
export const key = (label = 'k') => `${label}-${++counter}`;

/** A task draft at `at` (Xinhua by default). */
export function taskDraft(at: Position = xinhuaSpot, extra: Record<string, unknown> = {}): NewTask {
  return {
    source: { kind: 'officer' },
    category: 'shared_bike_parking',
    title: 'Move three bikes back into the box',
    goal: 'Pavement clear',
    location: point(at),
    ...extra,
  };
}

/** The task of a `task.create` command, as a caller writes it. */
type NewTask = Extract<CommandBody, { type: 'task.create' }>['task'];

export interface Harness {
  engine: Engine;
  clock: ManualClock;
  /** Executes a command sent by `actorId`, with a fresh idempotency key. */
  run(actorId: string, command: Record<string, unknown>): ReturnType<Engine['execute']>;
}

/** The command center overturning its `decision` (acceptance by default) on `participantId`'s (q1's) work on `taskId` (send it as `cmd`). */
export const overturnOf = (
  taskId: string,
  participantId = 'q1',
  decision: 'acceptance' | 'rating' = 'acceptance',
) =>
  ({
    type: 'task.overturn',
    taskId,
    participantId,
    decision,
    reason: 'Audit found staged photos',
  }) as const;

/** A task (`task`, or {@link taskDraft}'s) that q1 worked and the command center accepted; its id. */
export async function acceptedTask(
  run: Harness['run'],
  task: NewTask = taskDraft(),
): Promise<string> {
  const created = await run('cmd', { type: 'task.create', task });
  const taskId = created.status === 'applied' ? (created.taskId as string) : '';
  for (const [actor, command] of [
    ['cmd', { type: 'task.publish', taskId }],
    ['q1', { type: 'task.claim', taskId }],
    ['q1', { type: 'task.start', taskId }],
    ['q1', { type: 'task.submit', taskId, evidence: [] }],
    ['cmd', { type: 'task.accept', taskId }],
  ] as const) {
    const outcome = await run(actor, command);
    if (outcome.status !== 'applied') throw new Error(`${command.type}: ${outcome.status}`);
  }
  return taskId;
}

/** An engine with both circles and every person registered. */
export async function harness(overrides: Partial<EngineOptions> = {}): Promise<Harness> {
  const clock = createManualClock(start);
  const engine = await createEngine({
    circles,
    policy,
    clock,
    ids: createSequentialIds(),
    ...overrides,
  });
  const run = (actorId: string, command: Record<string, unknown>) =>
    engine.execute({ idempotencyKey: key(), actorId, ...command } as CommandInput);
  await registerPeople(engine);
  return { engine, clock, run };
}

/**
 * Registers `participants` ({@link people} by default) through the host; anything but
 * `applied` throws, so a broken fixture fails where it is built.
 */
export async function registerPeople(
  engine: Engine,
  participants: ReadonlyArray<ParticipantInput> = people,
): Promise<void> {
  for (const participant of participants) {
    const outcome = await engine.host.execute({
      type: 'participant.register',
      idempotencyKey: key(),
      participant,
    });
    if (outcome.status !== 'applied') throw new Error(`fixture: ${JSON.stringify(outcome)}`);
  }
}

/** `count` safety volunteers `v0`, `v1`, … living at {@link xinhuaSpot}: many claimants at once. */
export function volunteers(count: number): ParticipantInput[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `v${i}`,
    circleId: 'xinhua',
    kind: 'qualified',
    displayName: `Volunteer ${i}`,
    roles: ['safety_volunteer'],
    home: { type: 'Point', coordinates: xinhuaSpot },
  }));
}
