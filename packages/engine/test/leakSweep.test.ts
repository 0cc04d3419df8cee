import {
  createManualClock,
  createSequentialIds,
  type Participant,
  type ParticipantInput,
  type Sensitivity,
} from '@quanzi/core';
import { exportRequests, formatRequests } from '@quanzi/open311';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, type Engine, publicViewer, type Viewer } from '../src/index';
import {
  circles,
  staffFormula as formula,
  key,
  people,
  assessmentPeriod as period,
  policy,
  start,
  taskDraft,
  xinhuaSpot,
} from './engineFixtures';

// The leak sweep (#15): random engine states × every viewer × every query,
// export, feed and scoped store; what each viewer receives must hold no sensitive
// task for non-officers, no draft or pending-review task for anyone but its publisher
// and the staff, no real id behind a pseudonym and no exact home in others' views.

const sensitivities: Sensitivity[] = ['public', 'circle', 'qualified', 'officers', 'command'];

/** Homes with 8 decimals, so an exact one is recognisable in any output. */
const homeOf = (i: number): [number, number] => [116.39412345 + i * 0.00011111, 39.90287654];

const worldArb = fc.record({
  model: fc.constantFrom('basic', 'extended'),
  review: fc.constantFrom('pre_review', 'post_review'),
  residents: fc.array(fc.record({ anonymous: fc.boolean(), qualified: fc.boolean() }), {
    minLength: 2,
    maxLength: 4,
  }),
  tasks: fc.array(
    fc.record({
      publisher: fc.nat(5),
      sensitivity: fc.constantFrom(...sensitivities),
      progress: fc.nat(5),
      claimer: fc.nat(5),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  reports: fc.array(
    fc.record({ reporter: fc.nat(5), anonymous: fc.boolean(), proxy: fc.boolean() }),
    { maxLength: 4 },
  ),
});
type World = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

const residentId = (i: number) => `resident-${i}-x7`;

async function build(world: World): Promise<Engine> {
  const clock = createManualClock(start);
  const engine = await createEngine({
    circles: circles.map((c) => ({ ...c, model: world.model, review: world.review })),
    policy,
    clock,
    ids: createSequentialIds(),
  });
  const residents: ParticipantInput[] = world.residents.map((r, i) => ({
    id: residentId(i),
    circleId: 'xinhua',
    kind: r.qualified ? 'qualified' : 'resident',
    displayName: `Resident ${i}`,
    home: { type: 'Point', coordinates: homeOf(i) },
    privacy: { anonymous: r.anonymous, contactable: false },
  }));
  for (const participant of [...people, ...residents])
    await engine.host.execute({ type: 'participant.register', idempotencyKey: key(), participant });
  const run = (actorId: string, command: Record<string, unknown>) =>
    engine.execute({ idempotencyKey: key(), actorId, ...command } as never).catch(() => undefined);
  const publishers = ['cmd', 'officer', ...residents.map((r) => r.id as string)];
  const claimers = ['q1', 'q2', 'grid', ...residents.map((r) => r.id as string)];
  for (const [i, t] of world.tasks.entries()) {
    const publisher = publishers[t.publisher % publishers.length] as string;
    const fromResident = publisher.startsWith('resident-');
    const taskId = `task-${i}`;
    const claimer = claimers[t.claimer % claimers.length] as string;
    const lines: Array<[string, Record<string, unknown>]> = [
      [
        publisher,
        {
          type: 'task.create',
          task: taskDraft(xinhuaSpot, {
            id: taskId,
            title: `Task ${i}`,
            sensitivity: t.sensitivity,
            source: { kind: fromResident ? 'resident' : 'officer' },
          }),
        },
      ],
      [publisher, { type: 'task.publish', taskId }],
      ['cmd', { type: 'task.review', taskId, decision: 'approved' }],
      [claimer, { type: 'task.claim', taskId }],
      [claimer, { type: 'task.start', taskId }],
    ];
    for (const [actor, command] of lines.slice(0, t.progress + 1)) await run(actor, command);
  }
  for (const [i, r] of world.reports.entries()) {
    const reporter = residents[r.reporter % residents.length]?.id as string;
    await run(reporter, {
      type: 'report.submit',
      report: {
        channel: r.proxy ? 'proxy' : 'mobile',
        ...(r.proxy ? { proxyFor: { name: 'Grandma Zhao', contact: '13912345678' } } : {}),
        text: `Report ${i}`,
        anonymous: r.anonymous,
        location: { type: 'Point', coordinates: homeOf(10 + i) },
      },
    });
  }
  return engine;
}

/** Everything `viewer` can obtain from the engine, by every query, export and store. */
async function everythingSeenBy(engine: Engine, viewer: Viewer) {
  const all = engine.getPrivilegedSnapshot();
  const aliases = engine
    .listParticipants(publicViewer)
    .map((p) => p.participant.id)
    .filter((id) => id.startsWith('anon-'));
  const tasks = engine.listTasks(viewer);
  const reports = engine.listReports(viewer);
  const open311 = exportRequests([
    ...tasks.map((r) => ({ kind: 'task' as const, task: r.task, snapshot: r.snapshot })),
    ...reports.map((r) => ({ kind: 'report' as const, report: r.report, snapshot: r.snapshot })),
  ]).requests;
  const nearby =
    viewer.kind !== 'public' && viewer.home
      ? engine.claimableNear(viewer.id).map((item) => item.task)
      : [];
  return {
    tasks: [
      ...tasks,
      ...all.tasks.flatMap((r) => engine.getTask(viewer, r.task.id) ?? []),
      ...nearby,
      ...engine.view(viewer).getSnapshot().tasks,
    ],
    other: {
      reports,
      byId: all.reports.map((r) => engine.getReport(viewer, r.report.id)),
      participants: engine.listParticipants(viewer),
      profiles: [...all.participants.map((p) => p.participant.id), ...aliases].map((id) =>
        engine.getProfile(viewer, id),
      ),
      store: engine.view(viewer).getSnapshot(),
      assessment: await engine.assess(viewer, 'xinhua', { formulas: [formula], period }),
      open311: formatRequests(open311, 'json'),
    },
  };
}

const staffRoles = new Set(['command', 'officer', 'upstream']);

describe('leak sweep: nothing reaches a viewer who may not see it (#15)', () => {
  it('holds for random states × every viewer × every query, export and store (property)', async () => {
    const reached = { sensitive: 0, unpublished: 0, anonymous: 0 };
    await fc.assert(
      fc.asyncProperty(worldArb, async (world) => {
        const engine = await build(world);
        const all = engine.getPrivilegedSnapshot();
        const truth = new Map(all.tasks.map((r) => [r.task.id, r]));
        const roleOf = (p: Participant) =>
          ({ command: 'command', officer: 'officer', upstream: 'upstream' })[p.kind as string];
        const anonymous = all.participants.filter((p) => p.participant.privacy.anonymous);
        for (const r of all.tasks) {
          if (['officers', 'command'].includes(r.task.sensitivity ?? '')) reached.sensitive += 1;
          if (['draft', 'pending_review'].includes(r.snapshot.state)) reached.unpublished += 1;
        }
        reached.anonymous += anonymous.length;
        const viewers: Viewer[] = [publicViewer, ...all.participants.map((p) => p.participant)];
        for (const viewer of viewers) {
          const seen = await everythingSeenBy(engine, viewer);
          const me = viewer.kind === 'public' ? undefined : viewer;
          const staffOf = (circleId: string) =>
            me?.circleId === circleId && staffRoles.has(roleOf(me) ?? '');
          const commandOf = (circleId: string) =>
            me?.circleId === circleId && roleOf(me) === 'command';
          for (const shown of seen.tasks) {
            const real = truth.get(shown.task.id);
            expect(real).toBeDefined();
            if (!real) continue;
            const { circleId, sensitivity, publisherId } = real.task;
            const what = `${me?.id ?? 'public'} sees ${shown.task.id} (${sensitivity}, ${real.snapshot.state})`;
            if (sensitivity === 'officers') expect(staffOf(circleId), what).toBe(true);
            if (sensitivity === 'command') expect(commandOf(circleId), what).toBe(true);
            if (['draft', 'pending_review'].includes(real.snapshot.state))
              expect(me?.id === publisherId || staffOf(circleId), what).toBe(true);
          }
          const text = JSON.stringify(seen);
          const who = me?.id ?? 'public';
          for (const { participant } of anonymous) {
            if (me?.id === participant.id || commandOf(participant.circleId)) continue;
            expect(text.includes(`"${participant.id}"`), `${who} sees ${participant.id}`).toBe(
              false,
            );
          }
          for (const [i] of world.residents.entries()) {
            if (me?.id === residentId(i) || commandOf('xinhua')) continue;
            const exact = String(homeOf(i)[0]);
            expect(text.includes(exact), `${who} sees the home of ${residentId(i)}`).toBe(false);
          }
          // Reports: only the reporter and the staff, never a proxied resident's contact.
          for (const report of seen.other.reports) {
            const real = all.reports.find((r) => r.report.id === report.report.id);
            const what = `${me?.id ?? 'public'} sees report ${report.report.id}`;
            expect(
              me?.id === real?.report.reporterId || staffOf(report.report.circleId),
              what,
            ).toBe(true);
            if (!commandOf(report.report.circleId) && me?.id !== real?.report.reporterId)
              expect(JSON.stringify(report).includes('13912345678'), what).toBe(false);
          }
          if (viewer.kind === 'public') {
            // Every place the public sees is on the ~110 m grid at most.
            for (const match of text.matchAll(/"coordinates":\[(-?[\d.]+),(-?[\d.]+)\]/g))
              for (const n of [match[1], match[2]])
                expect(
                  (n?.split('.')[1] ?? '').length,
                  `public sees ${match[0]}`,
                ).toBeLessThanOrEqual(3);
            expect(seen.other.reports).toEqual([]);
            expect(seen.other.assessment).toEqual([]);
          }
        }
      }),
      { numRuns: 100, seed: 1515 },
    );
    // The sweep must have met what it guards against, or it proves nothing.
    expect(reached.sensitive).toBeGreaterThan(5);
    expect(reached.unpublished).toBeGreaterThan(5);
    expect(reached.anonymous).toBeGreaterThan(5);
  }, 180_000);
});
