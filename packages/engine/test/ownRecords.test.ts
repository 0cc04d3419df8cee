import {
  createManualClock,
  type IdSource,
  isQuanziError,
  parseInput,
  ReportSchema,
  TaskSchema,
} from '@quanzi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../src/createEngine';
import { circles, harness, key, policy, registerPeople, start, xinhuaSpot } from './engineFixtures';

// The engine builds a new task or report from a validated draft without parsing it
// again (ownTask, ownReport): what it builds must be what that parse would return,
// value and key order alike, for every shape of draft.

const point = (dx: number) => ({
  type: 'Point' as const,
  coordinates: [xinhuaSpot[0] + dx, xinhuaSpot[1]] as [number, number],
});

const optionalTaskFields = fc.record(
  {
    id: fc.constantFrom('t-a', 't.b:c'),
    difficulty: fc.integer({ min: 1, max: 5 }),
    steps: fc.array(fc.constantFrom('Walk there', '看一眼'), { maxLength: 2 }),
    compliance: fc.array(fc.constant('Wear the vest'), { maxLength: 1 }),
    requiredQualifications: fc.array(fc.constant('first_aid'), { maxLength: 1 }),
    visibleRadiusMeters: fc.constantFrom(50, 2500.5),
    sensitivity: fc.constantFrom('public', 'circle', 'qualified'),
    deadline: fc.constant('2026-12-01T08:00:00Z'),
    slaHours: fc.constantFrom(1, 48),
    rewardPoints: fc.integer({ min: 0, max: 100 }),
    slots: fc.integer({ min: 1, max: 3 }),
    reportIds: fc.array(fc.constantFrom('r-x', 'r-y'), { maxLength: 2 }),
    circleId: fc.constant('xinhua'),
  },
  { requiredKeys: [] },
);

const optionalReportFields = fc.record(
  {
    id: fc.constantFrom('rep-a', 'rep.b'),
    category: fc.constant('shared_bike_parking'),
    media: fc.array(fc.constant({ type: 'image', url: 'https://img.example/a.jpg' }), {
      maxLength: 2,
    }),
    location: fc.constant(point(0.0002)),
    anonymous: fc.boolean(),
    circleId: fc.constant('xinhua'),
  },
  { requiredKeys: [] },
);

function dataOf(event: { data: unknown } | undefined): unknown {
  if (!event) throw new Error('no such event');
  return event.data;
}

/** The value and the key order a parse by `schema` gives. */
function expectParsed(value: Record<string, unknown>, parsed: Record<string, unknown>) {
  expect(value).toStrictEqual(parsed);
  expect(Object.keys(value)).toEqual(Object.keys(parsed));
}

describe('records the engine builds from validated drafts', () => {
  it('a created task is what parsing it with TaskSchema returns (property)', async () => {
    await fc.assert(
      fc.asyncProperty(optionalTaskFields, fc.boolean(), async (fields, fromReport) => {
        const { engine, run } = await harness();
        const received = await run('r1', {
          type: 'report.submit',
          report: { channel: 'web', text: 'Bikes on the pavement', location: point(0) },
        });
        if (received.status !== 'applied') throw new Error('fixture');
        const source = fromReport
          ? { kind: 'report', reportId: received.reportId }
          : { kind: 'officer' };
        const outcome = await run('cmd', {
          type: 'task.create',
          task: {
            source,
            category: 'shared_bike_parking',
            title: 'Move the bikes',
            goal: 'Pavement clear',
            location: point(0),
            ...fields,
          },
        });
        expect(outcome.status).toBe('applied');
        if (outcome.status !== 'applied') return;
        const { task } = dataOf(outcome.events[0]) as { task: Record<string, unknown> };
        expectParsed(task, parseInput(TaskSchema, task));
        expect(engine.getPrivilegedSnapshot().tasks.at(-1)?.task).toBe(task);
      }),
      { numRuns: 60, seed: 14 },
    );
  });

  it('a converted report’s task is what parsing it with TaskSchema returns', async () => {
    const { run } = await harness();
    const received = await run('r1', {
      type: 'report.submit',
      report: { channel: 'web', text: 'Bikes on the pavement', location: point(0) },
    });
    if (received.status !== 'applied') throw new Error('fixture');
    await run('cmd', { type: 'report.prioritize', reportId: received.reportId, priority: 2 });
    const outcome = await run('cmd', {
      type: 'report.convert',
      reportId: received.reportId,
      task: {
        category: 'shared_bike_parking',
        title: 'Move the bikes',
        goal: 'Pavement clear',
        location: point(0),
        difficulty: 2,
      },
    });
    if (outcome.status !== 'applied') throw new Error(JSON.stringify(outcome));
    const created = outcome.events.find((event) => event.type === 'quanzi.task.created');
    const { task } = dataOf(created) as { task: Record<string, unknown> };
    expectParsed(task, parseInput(TaskSchema, task));
  });

  it('a received report is what parsing it with ReportSchema returns (property)', async () => {
    await fc.assert(
      fc.asyncProperty(optionalReportFields, fc.boolean(), async (fields, byProxy) => {
        const { run } = await harness();
        const proxy = byProxy
          ? { channel: 'proxy', proxyFor: { name: 'Grandma Zhao', contact: '123' } }
          : { channel: 'mobile' };
        const outcome = await run(byProxy ? 'grid' : 'r1', {
          type: 'report.submit',
          report: { text: '小区门口共享单车乱停', ...proxy, ...fields },
        });
        expect(outcome.status).toBe('applied');
        if (outcome.status !== 'applied') return;
        const { report } = dataOf(outcome.events[0]) as { report: Record<string, unknown> };
        expectParsed(report, parseInput(ReportSchema, report));
      }),
      { numRuns: 60, seed: 14 },
    );
  });
});

describe('what a validated draft cannot vouch for is still checked', () => {
  /** An engine whose id source hands out `bad` for tasks and reports, after registering people. */
  async function engineWithIds(bad: string) {
    let counter = 0;
    const ids: IdSource = {
      next: (prefix = 'id') =>
        prefix === 'task' || prefix === 'report' ? bad : `${prefix}-${++counter}`,
    };
    const engine = await createEngine({ circles, policy, clock: createManualClock(start), ids });
    await registerPeople(engine);
    return engine;
  }

  async function errorOf(promise: Promise<unknown>) {
    try {
      await promise;
    } catch (error) {
      if (isQuanziError(error)) return error;
      throw error;
    }
    throw new Error('expected a QuanziError');
  }

  it('an id from the IdSource that is no id is an invalid error naming `id`, and nothing is written', async () => {
    const engine = await engineWithIds('not an id');
    const before = engine.getPrivilegedSnapshot().position;
    const task = await errorOf(
      engine.execute({
        type: 'task.create',
        idempotencyKey: key(),
        actorId: 'cmd',
        task: {
          source: { kind: 'officer' },
          category: 'shared_bike_parking',
          title: 'Move the bikes',
          goal: 'Pavement clear',
          location: { type: 'Point', coordinates: xinhuaSpot },
        },
      }),
    );
    expect(task.code).toBe('invalid_input');
    expect(task.issues?.[0]?.path).toEqual(['id']);
    const report = await errorOf(
      engine.execute({
        type: 'report.submit',
        idempotencyKey: key(),
        actorId: 'r1',
        report: { channel: 'web', text: 'Bikes', location: point(0) },
      }),
    );
    expect(report.code).toBe('invalid_input');
    expect(report.issues?.[0]?.path).toEqual(['id']);
    expect(engine.getPrivilegedSnapshot().position).toBe(before);
  });

  it('report ids grown past 1000 by the source report are an invalid error naming `reportIds`', async () => {
    const { engine, run } = await harness();
    const received = await run('r1', {
      type: 'report.submit',
      report: { channel: 'web', text: 'Bikes', location: point(0) },
    });
    if (received.status !== 'applied') throw new Error('fixture');
    const before = engine.getPrivilegedSnapshot().position;
    const error = await errorOf(
      run('cmd', {
        type: 'task.create',
        task: {
          source: { kind: 'report', reportId: received.reportId },
          category: 'shared_bike_parking',
          title: 'Move the bikes',
          goal: 'Pavement clear',
          location: point(0),
          reportIds: Array.from({ length: 1000 }, (_, i) => `r-${i}`),
        },
      }),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.issues?.[0]?.path).toEqual(['reportIds']);
    expect(engine.getPrivilegedSnapshot().position).toBe(before);
  });
});
