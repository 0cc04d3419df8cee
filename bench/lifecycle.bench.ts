// Transitions per second of the compiled task reducer against xstate (createActor +
// send) of the machine built from the same definition, on the same seeded random
// command stream, in one run. The headline is the stateless host of DESIGN.md §2: each
// command arrives for a snapshot loaded from the store, so xstate restores an actor
// and sends one command. The details keep the long-lived actor (one actor per walk,
// commands sent in a row), the validated entry point and the stream with refusals.
import {
  createLifecycleConfig,
  createTaskSnapshot,
  type LifecycleConfig,
  reduceTask,
  type TaskCommand,
  type TaskSnapshot,
  transitionTask,
} from '@quanzi/lifecycle';
import { createLifecycleActor, taskMachine } from '@quanzi/lifecycle/xstate';
import fc from 'fast-check';
import { configArb, taskStartArb, walk } from '../packages/lifecycle/test/arbitraries';
import type { BenchCase } from './BenchCase';
import { throughput } from './throughput';

interface Segment {
  start: TaskSnapshot;
  commands: TaskCommand[];
}

/**
 * 200 seeded random walks of 50 commands from 200 random tasks and circles. `all`
 * keeps every command (most are refused, as random ones are); `applied` keeps the
 * commands the lifecycle accepted, i.e. the stream of transitions an engine sees.
 */
function randomStreams() {
  const samples = fc.sample(fc.tuple(taskStartArb, configArb, fc.gen()), {
    seed: 42,
    numRuns: 200,
  });
  const all: (Segment & { config: LifecycleConfig })[] = [];
  const applied: (Segment & { config: LifecycleConfig })[] = [];
  for (const [[task, prefix], configInput, g] of samples) {
    const config = createLifecycleConfig(configInput);
    const start = createTaskSnapshot(task);
    const every: TaskCommand[] = [];
    const accepted: TaskCommand[] = [];
    walk(g, start, prefix, 50, (snapshot, command) => {
      every.push(command);
      const result = reduceTask(snapshot, command, config);
      if (!result.ok) return snapshot;
      accepted.push(command);
      return result.snapshot;
    });
    all.push({ start, commands: every, config });
    applied.push({ start, commands: accepted, config });
  }
  return { all, applied };
}

type Stream = ReturnType<typeof randomStreams>['all'];

const viaReducer = (stream: Stream, step: typeof reduceTask) => () => {
  for (const { start, commands, config } of stream) {
    let snapshot = start;
    for (const command of commands) {
      const result = step(snapshot, command, config);
      if (result.ok) snapshot = result.snapshot;
    }
  }
};

const viaActor = (stream: Stream) => () => {
  for (const { start, commands, config } of stream) {
    const actor = createLifecycleActor(taskMachine, start, config);
    actor.on('*', () => {});
    for (const command of commands) actor.send(command);
    actor.stop();
  }
};

/** Every accepted command with the snapshot it was applied to: what a server sees per request. */
const requests = (stream: Stream) =>
  stream.flatMap(({ start, commands, config }) => {
    let snapshot = start;
    return commands.map((command) => {
      const request = { snapshot, command, config };
      const result = reduceTask(snapshot, command, config);
      if (result.ok) snapshot = result.snapshot;
      return request;
    });
  });

type Requests = ReturnType<typeof requests>;

const perRequestReducer = (list: Requests) => () => {
  for (const { snapshot, command, config } of list) reduceTask(snapshot, command, config);
};

/** A server without the reducer: restore an actor from the stored snapshot for each request. */
const perRequestActor = (list: Requests) => () => {
  for (const { snapshot, command, config } of list) {
    const actor = createLifecycleActor(taskMachine, snapshot, config);
    actor.send(command);
    actor.getSnapshot();
    actor.stop();
  }
};

const size = (stream: Stream) => stream.reduce((sum, { commands }) => sum + commands.length, 0);

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * Throughput of each path in several short rounds; the machine is shared, so the
 * median round ratio is steadier than one long measurement of each path.
 */
async function rounds(streams: ReturnType<typeof randomStreams>, count = 5) {
  const { all, applied } = streams;
  const list = requests(applied);
  type Path =
    | 'reducer'
    | 'validated'
    | 'actor'
    | 'reducerAll'
    | 'actorAll'
    | 'reducerEach'
    | 'actorEach';
  const results: Record<Path, number>[] = [];
  for (let i = 0; i < count; i += 1)
    results.push(
      await throughput(
        {
          reducer: { fn: viaReducer(applied, reduceTask), opsPerCall: size(applied) },
          actor: { fn: viaActor(applied), opsPerCall: size(applied) },
          validated: { fn: viaReducer(applied, transitionTask), opsPerCall: size(applied) },
          reducerAll: { fn: viaReducer(all, reduceTask), opsPerCall: size(all) },
          actorAll: { fn: viaActor(all), opsPerCall: size(all) },
          reducerEach: { fn: perRequestReducer(list), opsPerCall: list.length },
          actorEach: { fn: perRequestActor(list), opsPerCall: list.length },
        },
        { time: 300 },
      ),
    );
  const ratio = (a: Path, b: Path) => Number(median(results.map((r) => r[a] / r[b])).toFixed(1));
  return { results, ratio };
}

const cases: BenchCase[] = [
  {
    name: 'lifecycle.reducer_vs_xstate_actor',
    unit: 'transitions/s',
    target: 20,
    async run() {
      const streams = randomStreams();
      const { results, ratio } = await rounds(streams);
      // The round with the median ratio supplies the reported throughputs.
      const middle = median(results.map((r) => r.reducerEach / r.actorEach));
      const chosen = results.find((r) => r.reducerEach / r.actorEach === middle) ?? results[0];
      return {
        value: chosen?.reducerEach ?? 0,
        baseline: chosen?.actorEach ?? 1,
        details: {
          transitions: size(streams.applied),
          rounds: results.length,
          longLivedActorRatio: ratio('reducer', 'actor'),
          validatedLongLivedRatio: ratio('validated', 'actor'),
          commandsWithRefusals: size(streams.all),
          longLivedWithRefusalsRatio: ratio('reducerAll', 'actorAll'),
        },
      };
    },
  },
];

export default cases;
