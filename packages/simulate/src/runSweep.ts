import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { QuanziError } from '@quanzi/core';
import type { ProgressListener } from './Progress';
import { expandGrid, type SweepAxis } from './parseSweep';
import { runScenario, stepsOf } from './runScenario';
import type { Scenario } from './ScenarioSchema';
import type { SweepJob, SweepWorkerMessage } from './SweepJob';
import type { RunResult } from './TidyRow';
import { withParameters } from './withParameters';

/** Options for {@link runSweep}. */
export interface SweepOptions {
  /** Grid axes; every combination runs with every seed. No axes: a plain batch. */
  readonly sweep?: readonly SweepAxis[];
  /** Runs per setting; defaults to the number of the scenario's seeds. */
  readonly runs?: number;
  /** First seed; seeds then count up from it. Defaults to the scenario's seeds. */
  readonly seed?: number;
  /** Worker threads; 0 runs everything in this thread. Defaults to the CPU count. */
  readonly workers?: number;
  readonly onProgress?: ProgressListener;
}

/** The seeds a batch uses: the scenario's own, extended by counting on, or `seed, seed+1, …`. */
export function seedsFor(scenario: Scenario, options: { runs?: number; seed?: number }): number[] {
  const runs = options.runs ?? scenario.seeds.length;
  const first = options.seed;
  if (first !== undefined) return Array.from({ length: runs }, (_, i) => first + i);
  const last = scenario.seeds[scenario.seeds.length - 1] ?? 0;
  return Array.from(
    { length: runs },
    (_, i) => scenario.seeds[i] ?? last + i - scenario.seeds.length + 1,
  );
}

function jobsFor(scenario: Scenario, options: SweepOptions): SweepJob[] {
  const seeds = seedsFor(scenario, options);
  return expandGrid(options.sweep ?? [])
    .flatMap((params) => {
      const variant = withParameters(scenario, params);
      const label = Object.entries(params).map(([path, value]) => `${path}=${String(value)}`);
      return seeds.map((seed) => ({
        index: 0,
        scenario: variant,
        seed,
        run: [...label, `seed=${seed}`].join('|'),
        params,
      }));
    })
    .map((job, index) => ({ ...job, index }));
}

// An installed package starts its built JavaScript worker. From TypeScript sources
// (tests, tsx) the worker is compiled on the fly by tsx's CommonJS hook: Node 20
// applies no ESM loader hooks inside worker threads.
function workerEntry(): { code: string | URL; options: WorkerOptions } {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return { code: new URL('./sweepWorker.js', here), options: {} };
  const tsx = createRequire(here).resolve('tsx/cjs/api');
  const worker = fileURLToPath(new URL('./sweepWorker.ts', here));
  return {
    code: `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(worker)});`,
    options: { eval: true, execArgv: ['--conditions=quanzi-source'] },
  };
}

/** A worker's error back as an error: a QuanziError keeps its code and issues. */
function toError(error: unknown): Error {
  const plain = error as { quanzi?: ReturnType<QuanziError['toJSON']>; message?: string };
  if (!plain.quanzi) return new Error(plain.message ?? 'Sweep worker failed');
  const { code, message, issues } = plain.quanzi;
  return new QuanziError({ code, message, issues });
}

async function runOnWorkers(
  jobs: SweepJob[],
  count: number,
  report: (index: number, step: number) => void,
) {
  const results: RunResult[] = new Array(jobs.length);
  const queue = [...jobs];
  const entry = workerEntry();
  const workers: Worker[] = [];
  // The first failure ends the sweep: no new jobs, and every worker stops.
  const fail = (reject: (error: Error) => void, error: Error) => {
    queue.length = 0;
    for (const worker of workers) void worker.terminate();
    reject(error);
  };
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(entry.code, entry.options);
      workers.push(worker);
      const next = () => {
        const job = queue.shift();
        if (job) worker.postMessage(job);
        else void worker.terminate().then(() => resolve());
      };
      worker.on('message', (message: SweepWorkerMessage) => {
        if (message.type === 'progress') return report(message.index, message.step);
        if (message.type === 'error') return fail(reject, toError(message.error));
        results[message.index] = message.result;
        next();
      });
      worker.on('error', (error) => fail(reject, error));
      next();
    });
  await Promise.all(Array.from({ length: Math.min(count, jobs.length) }, runWorker));
  return results;
}

/**
 * Runs a batch or a parameter sweep: every grid point × every seed, spread over
 * worker threads. Results come back in grid-then-seed order whatever the
 * scheduling, and each equals `runScenario` on the same variant and seed.
 *
 * @example
 * const results = await runSweep(scenario, {
 *   sweep: [parseSweep('game.multiplier=1.5,3')], runs: 5,
 *   onProgress: ({ done, total }) => bar.update(done / total),
 * });
 */
export async function runSweep(
  scenario: Scenario,
  options: SweepOptions = {},
): Promise<RunResult[]> {
  const jobs = jobsFor(scenario, options);
  const steps = stepsOf(scenario);
  const total = jobs.length * steps;
  const doneByJob = new Array<number>(jobs.length).fill(0);
  let done = 0;
  const report = (index: number, step: number) => {
    done += step - (doneByJob[index] ?? 0);
    doneByJob[index] = step;
    options.onProgress?.({ run: jobs[index]?.run ?? '', done, total });
  };
  const workers = options.workers ?? availableParallelism();
  if (workers > 0) return runOnWorkers(jobs, workers, report);
  return jobs.map((job) =>
    runScenario(job.scenario, {
      seed: job.seed,
      run: job.run,
      params: job.params,
      onProgress: (progress) => report(job.index, progress.done),
    }),
  );
}
