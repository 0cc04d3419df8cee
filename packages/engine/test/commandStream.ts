import type { Position } from '@quanzi/core';
import fc from 'fast-check';
import { type Engine, systemId } from '../src';
import { dongchengSpot, taskDraft, xinhuaSpot } from './engineFixtures';

/** One step of a generated command stream: who sends what, and how far the clock moves first. */
export interface Step {
  readonly actorId: string;
  readonly command: Record<string, unknown>;
  readonly advanceMinutes: number;
}

/** The batch a step's sender reaches: the host's own channel for {@link systemId}, else the participants'. */
export const batchOf = (engine: Engine, actorId: string) =>
  actorId === systemId ? engine.host.applyBatch : engine.applyBatch;

const task = fc.constantFrom('t1', 't2', 't3');
const report = fc.constantFrom('r-a', 'r-b');
const solver = fc.constantFrom('q1', 'q2', 'dq');
const staff = fc.constantFrom('cmd', 'officer', 'dcmd');
const place = fc.constantFrom(xinhuaSpot, dongchengSpot);
const reasons = [{ code: 'incomplete' as const }];

/** A random command over a few tasks and reports; many are refused. */
export const stepArb: fc.Arbitrary<Step> = fc
  .record({
    advanceMinutes: fc.constantFrom(0, 0, 5, 45, 300),
    pick: fc.oneof(
      fc.record({
        actorId: staff,
        command: fc.record({
          type: fc.constant('task.create'),
          task: fc.tuple(task, place).map(([id, at]) => ({ ...taskDraft(at), id })),
        }),
      }),
      fc.record({
        actorId: staff,
        command: fc.record({ type: fc.constant('task.publish'), taskId: task }),
      }),
      fc.record({
        actorId: staff,
        command: fc.record({
          type: fc.constant('task.review'),
          taskId: task,
          decision: fc.constantFrom('approved', 'returned'),
        }),
      }),
      fc.record({
        actorId: solver,
        command: fc.record({
          type: fc.constantFrom('task.claim', 'task.start', 'task.extend', 'task.release'),
          taskId: task,
        }),
      }),
      fc.record({
        actorId: solver,
        command: fc.record({
          type: fc.constant('task.submit'),
          taskId: task,
          evidence: fc.constant([]),
        }),
      }),
      fc.record({
        actorId: staff,
        command: fc.record({ type: fc.constantFrom('task.accept', 'task.cancel'), taskId: task }),
      }),
      fc.record({
        actorId: staff,
        command: fc.record({
          type: fc.constantFrom('task.reject', 'task.rework'),
          taskId: task,
          reasons: fc.constant(reasons),
        }),
      }),
      fc.record({
        actorId: staff,
        command: fc.record({
          type: fc.constant('task.rate'),
          taskId: task,
          participantId: solver,
          rating: fc.integer({ min: 1, max: 5 }),
        }),
      }),
      fc.record({
        actorId: staff,
        command: fc.record({
          type: fc.constant('task.overturn'),
          taskId: task,
          participantId: solver,
          decision: fc.constantFrom('acceptance', 'reward', 'rating'),
          reason: fc.constant('Audit found staged photos'),
        }),
      }),
      fc.record({
        actorId: staff,
        command: fc.record({
          type: fc.constant('task.second_review'),
          taskId: task,
          participantId: solver,
          agrees: fc.boolean(),
        }),
      }),
      fc.record({
        actorId: solver,
        command: fc.record({
          type: fc.constant('task.escalate'),
          taskId: task,
          reason: fc.constant('needs_officer'),
        }),
      }),
      fc.record({
        actorId: fc.constantFrom('r1', 'q1', 'grid'),
        command: fc.record({
          type: fc.constant('report.submit'),
          report: fc.tuple(report, place).map(([id, at]) => ({
            id,
            channel: 'mobile',
            category: 'litter',
            text: 'Rubbish at the gate',
            location: { type: 'Point', coordinates: at },
          })),
        }),
      }),
      fc.record({
        actorId: staff,
        command: fc.record({
          type: fc.constant('report.dismiss'),
          reportId: report,
          verdict: fc.constantFrom('false', 'out_of_scope'),
        }),
      }),
      fc.record({
        actorId: staff,
        command: fc.record({
          type: fc.constant('report.convert'),
          reportId: report,
          task: fc.constant({
            category: 'litter',
            title: 'Clear rubbish',
            goal: 'Clean',
            location: { type: 'Point', coordinates: xinhuaSpot },
          }),
        }),
      }),
      fc.record({ actorId: fc.constant(systemId), command: fc.constant({ type: 'tick' }) }),
    ),
  })
  .map(({ advanceMinutes, pick }) => ({
    advanceMinutes,
    actorId: pick.actorId,
    command: pick.command,
  }));

type Line = readonly [actorId: string, command: Record<string, unknown>];

/** The life of one task, ending in acceptance, rework then acceptance, or rejection. */
function taskScript(
  id: string,
  staffId: string,
  solverId: string,
  at: Position,
  ending: number,
): Line[] {
  const t = { taskId: id };
  const endings: Line[][] = [
    [
      [staffId, { type: 'task.accept', ...t }],
      [staffId, { type: 'task.rate', ...t, participantId: solverId, rating: 5 }],
    ],
    [
      [staffId, { type: 'task.rework', ...t, reasons }],
      [solverId, { type: 'task.submit', ...t, evidence: [] }],
      [staffId, { type: 'task.accept', ...t }],
      [staffId, { type: 'task.mark_classic', ...t, participantId: solverId }],
    ],
    [[staffId, { type: 'task.reject', ...t, reasons }]],
    [
      [solverId, { type: 'task.extend', ...t }],
      [solverId, { type: 'task.escalate', ...t, reason: 'needs_officer' }],
      [staffId, { type: 'task.cancel', ...t }],
    ],
  ];
  return [
    [staffId, { type: 'task.create', task: { ...taskDraft(at), id } }],
    [staffId, { type: 'task.publish', ...t }],
    ['cmd', { type: 'task.review', ...t, decision: 'approved' }],
    [solverId, { type: 'task.claim', ...t }],
    [solverId, { type: 'task.extend', ...t }],
    [solverId, { type: 'task.start', ...t }],
    [
      solverId,
      {
        type: 'task.submit',
        ...t,
        evidence: [],
        followUpReports: [{ channel: 'mobile', text: 'Also a broken bench' }],
      },
    ],
    ...(endings[ending] ?? []),
  ];
}

function reportScript(id: string, converts: boolean): Line[] {
  const draft = {
    id,
    channel: 'proxy',
    proxyFor: { name: 'Grandma Zhao' },
    category: 'litter',
    text: 'Rubbish at the gate',
    location: { type: 'Point', coordinates: xinhuaSpot },
  };
  const triage: Line = converts
    ? [
        'cmd',
        {
          type: 'report.convert',
          reportId: id,
          task: {
            category: 'litter',
            title: 'Clear rubbish',
            goal: 'Clean',
            location: { type: 'Point', coordinates: xinhuaSpot },
          },
        },
      ]
    : ['officer', { type: 'report.dismiss', reportId: id, verdict: 'false' }];
  return [
    ['grid', { type: 'report.submit', report: draft }],
    ['officer', { type: 'report.prioritize', reportId: id, priority: 2 }],
    triage,
  ];
}

/**
 * A realistic command mix: three task lives and two report lives interleaved at
 * random, with random refused commands, clock moves and ticks in between.
 */
export const streamArb: fc.Arbitrary<Step[]> = fc
  .record({
    endings: fc.array(fc.nat(3), { minLength: 3, maxLength: 3 }),
    converts: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
    order: fc.array(fc.nat(5), { minLength: 60, maxLength: 100 }),
    noise: fc.array(stepArb, { maxLength: 60 }),
    advances: fc.array(fc.constantFrom(0, 0, 0, 5, 45, 300), { maxLength: 60 }),
  })
  .map(({ endings, converts, order, noise, advances }) => {
    const scripts = [
      taskScript('t1', 'cmd', 'q1', xinhuaSpot, endings[0] ?? 0),
      taskScript('t2', 'officer', 'q2', xinhuaSpot, endings[1] ?? 0),
      taskScript('t3', 'dcmd', 'dq', dongchengSpot, endings[2] ?? 0),
      reportScript('r-a', converts[0] ?? true),
      reportScript('r-b', converts[1] ?? false),
    ];
    return order.flatMap((pick, i): Step[] => {
      const advanceMinutes = advances[i] ?? 0;
      const line = scripts[pick]?.shift();
      if (line) return [{ actorId: line[0], command: line[1], advanceMinutes }];
      const random = noise[i];
      return random ? [random] : [];
    });
  });
