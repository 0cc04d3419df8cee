import {
  createManualClock,
  createSequentialIds,
  type Participant,
  type ParticipantInput,
} from '@quanzi/core';
import { createSeededRandom } from '@quanzi/core/prng';
import { createEngine, type Engine } from '@quanzi/engine';
import { loadScenario, runScenario, type ScenarioInput, type SimEvent } from '@quanzi/simulate';
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../src/compileScenario';
import { createAgents } from '../src/createAgents';
import { commandActor } from '../src/RunContext';
import { smallCircle } from './fixtures';

/** A small basic-model circle: the command center publishes, patrol members claim and work. */
const scenario = loadScenario(
  JSON.stringify({
    ...smallCircle,
    name: 'Differential',
    circle: { ...smallCircle.circle, model: 'basic', review: 'post_review' },
    durationDays: 3,
    populations: smallCircle.populations.slice(1),
    policy: { ...(smallCircle.policy as object), model: 'basic' },
  } as ScenarioInput),
);
const seed = 7;

/** The participants of the run: the same draws `runScenario` makes for its agents. */
function participantsOf(): ParticipantInput[] {
  const root = createSeededRandom(seed);
  for (let fork = 0; fork < 4; fork += 1) root.fork(); // arrivals, reports, agents, review
  return createAgents(scenario, root.fork()).participants.map(
    ({ status: _s, teamIds: _t, memberIds: _m, ...registered }: Participant) => registered,
  );
}

type Data = Record<string, unknown>;

/**
 * The engine command a simulator step stands for, or `tick` for what the clock did,
 * or `undefined` for events that come with another command (a reward with its
 * acceptance, the release with its rejection) or concern no task.
 */
function commandOf(event: SimEvent, previous: SimEvent | undefined): Data | 'tick' | undefined {
  const data = event.data as Data;
  const taskId = data.taskId as string;
  if (event.actor === 'system') return event.type.startsWith('quanzi.task.') ? 'tick' : undefined;
  switch (event.type) {
    case 'quanzi.task.created': {
      const { circleId: _c, publisherId: _p, createdAt: _t, ...task } = data.task as Data;
      return { type: 'task.create', task };
    }
    case 'quanzi.task.published':
      return { type: 'task.publish', taskId };
    case 'quanzi.task.claimed':
      return { type: 'task.claim', taskId };
    case 'quanzi.task.started':
      return { type: 'task.start', taskId };
    case 'quanzi.task.work_submitted':
      return { type: 'task.submit', taskId, evidence: data.evidence };
    case 'quanzi.task.accepted':
      return { type: 'task.accept', taskId, claimantId: (data.claimantIds as string[])[0] };
    case 'quanzi.task.rated':
      return { type: 'task.rate', taskId, participantId: data.participantId, rating: data.rating };
    case 'quanzi.task.rework_requested':
      return { type: 'task.rework', taskId, claimantId: data.claimantId, reasons: data.reasons };
    case 'quanzi.task.rejected':
      return { type: 'task.reject', taskId, claimantId: data.claimantId, reasons: data.reasons };
    case 'quanzi.task.released':
      return data.reason === 'released' ? { type: 'task.release', taskId } : undefined;
    case 'quanzi.task.rewarded':
      return previous?.type === 'quanzi.task.accepted' ? undefined : { unmapped: event.type };
    default:
      return { unmapped: event.type };
  }
}

/** Task events by task id, in the envelope fields both sides share. */
function byTask(
  events: ReadonlyArray<{ type: string; time: string; actor: string; data: unknown }>,
) {
  const tasks = new Map<string, unknown[]>();
  for (const { type, time, actor, data } of events) {
    if (!type.startsWith('quanzi.task.')) continue;
    const d = data as Data;
    // The engine stores the lifecycle terms a task was created under; the simulator's log does not.
    const { lifecycle: _terms, ...shared } = d;
    const id = (d.taskId ?? (d.task as Data).id) as string;
    tasks.set(id, [
      ...(tasks.get(id) ?? []),
      { type, time: Date.parse(time), actor, data: shared },
    ]);
  }
  return tasks;
}

describe('the simulator and the engine run one kernel', () => {
  it('the same scenario through the engine facade gives the same task events (differential)', async () => {
    const log: SimEvent[] = [];
    runScenario(scenario, { seed, onEvent: (event) => log.push(event) });
    const compiled = compileScenario(scenario);
    const clock = createManualClock(scenario.start);
    const engine: Engine = await createEngine({
      circles: [compiled.circle],
      policy: compiled.policy,
      lifecycle: scenario.lifecycle,
      reputation: scenario.scheme.reputation,
      clock,
      ids: createSequentialIds('engine'),
    });
    let key = 0;
    const run = (actorId: string, command: Data) =>
      engine.execute({ idempotencyKey: `k${++key}`, actorId, ...command } as never);
    const center: ParticipantInput = {
      id: commandActor.id,
      circleId: compiled.circle.id,
      kind: 'command',
      displayName: 'Command center',
      roles: ['command_center'],
    };
    for (const participant of [center, ...participantsOf()])
      expect(
        (
          await engine.host.execute({
            type: 'participant.register',
            idempotencyKey: `k${++key}`,
            participant,
          })
        ).status,
      ).toBe('applied');

    const refused: unknown[] = [];
    for (const [i, event] of log.entries()) {
      const command = commandOf(event, log[i - 1]);
      if (command === undefined) continue;
      clock.set(event.time);
      const outcome =
        command === 'tick' ? await engine.tick(event.time) : await run(event.actor, command);
      if (outcome.status !== 'applied' && command !== 'tick')
        refused.push({ event: event.type, outcome });
    }
    expect(refused).toEqual([]);

    const simulated = byTask(log);
    const engineLog = byTask(await engine.store.readAll());
    // The run must go deep enough for agreement to mean something.
    const kinds = new Set(log.map((event) => event.type));
    for (const kind of ['quanzi.task.accepted', 'quanzi.task.rewarded', 'quanzi.task.closed'])
      expect(kinds).toContain(kind);
    expect(simulated.size).toBeGreaterThan(20);
    expect(engineLog).toEqual(simulated);
  });
});
