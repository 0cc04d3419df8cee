import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../src/index';
import { harness, taskDraft } from './engineFixtures';

const hour = 3_600_000;

const action = fc.oneof(
  fc.record({ kind: fc.constant('work' as const), solver: fc.constantFrom('q1', 'q2') }),
  fc.record({ kind: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 96 }) }),
  fc.record({ kind: fc.constant('tick' as const), backHours: fc.constantFrom(0, 0, 0, 5) }),
  fc.record({ kind: fc.constant('rebuild' as const) }),
);

/**
 * What a tick recorded before levels were watched: every registered participant whose
 * profile's current level differs from the recorded one, in registration order.
 */
function eagerLevels(engine: Engine, now: string) {
  return engine
    .getPrivilegedSnapshot()
    .participants.map((record) => ({
      participantId: record.participant.id,
      from: record.level,
      to: engine.reputation.profile(record.participant.id, now).level.current,
    }))
    .filter((change) => change.from !== change.to);
}

describe('tick levels', () => {
  it('a tick records exactly the level changes comparing every participant would find, at the same instants', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 14 }), async (actions) => {
        const { engine, run, clock } = await harness({
          reputation: {
            halfLifeDays: 1,
            probation: { days: 0, minTasks: 0 },
            ladder: {
              thresholds: [{ metric: 'volume', promote: [1, 2, 3.5], demote: [0.5, 1.5, 2.5] }],
            },
          },
        });
        for (const step of actions) {
          if (step.kind === 'wait') clock.advance(step.hours * hour);
          if (step.kind === 'rebuild') await engine.rebuild();
          if (step.kind === 'work') {
            const created = await run('officer', { type: 'task.create', task: taskDraft() });
            const taskId = created.status === 'applied' ? (created.taskId as string) : '';
            for (const [actor, command] of [
              ['officer', { type: 'task.publish', taskId }],
              ['cmd', { type: 'task.review', taskId, decision: 'approved' }],
              [step.solver, { type: 'task.claim', taskId }],
              [step.solver, { type: 'task.start', taskId }],
              [step.solver, { type: 'task.submit', taskId, evidence: [] }],
              ['cmd', { type: 'task.accept', taskId }],
            ] as const)
              expect((await run(actor, command)).status).toBe('applied');
          }
          if (step.kind === 'tick') {
            const now = new Date(Date.parse(clock.now()) - step.backHours * hour).toISOString();
            const expected = eagerLevels(engine, now);
            const outcome = await engine.tick(now);
            expect(outcome.status).toBe('applied');
            const recorded =
              outcome.status === 'applied'
                ? outcome.events
                    .filter((e) => e.type === 'quanzi.participant.level_changed')
                    .map((e) => {
                      const { participantId, from, to } = e.data as Record<string, unknown>;
                      return { participantId, from, to, time: e.time };
                    })
                : [];
            expect(recorded).toEqual(expected.map((change) => ({ ...change, time: now })));
            expect(eagerLevels(engine, now)).toEqual([]);
          }
        }
        // Whatever came before, a last tick leaves every level as the profiles say.
        const outcome = await engine.tick(clock.now());
        expect(outcome.status).toBe('applied');
        expect(eagerLevels(engine, clock.now())).toEqual([]);
      }),
      { numRuns: 100, seed: 1414 },
    );
  }, 120_000);
});
