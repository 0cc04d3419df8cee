import { Bench } from 'tinybench';

/** Operations per unit of work, e.g. 1000 when one call processes 1000 events. */
export interface ThroughputTask {
  fn: () => unknown | Promise<unknown>;
  opsPerCall?: number;
}

/**
 * Measures several tasks in one tinybench run (interleaved warm-up, same process,
 * same machine state) and returns each one's operations per second.
 */
export async function throughput<TName extends string>(
  tasks: Record<TName, ThroughputTask>,
  options: { time?: number } = {},
): Promise<Record<TName, number>> {
  const bench = new Bench({ time: options.time ?? 1000, warmup: true });
  for (const [name, task] of Object.entries(tasks) as [TName, ThroughputTask][])
    bench.add(name, task.fn);
  await bench.run();
  const out = {} as Record<TName, number>;
  for (const [name, task] of Object.entries(tasks) as [TName, ThroughputTask][]) {
    const result = bench.getTask(name)?.result;
    if (!result || !('latency' in result)) throw new Error(`Benchmark ${name} failed`);
    out[name] = (1000 / result.latency.mean) * (task.opsPerCall ?? 1);
  }
  return out;
}

/**
 * Operations per second of each task, measured in short turns: every task runs for
 * `slice` ms in turn until each has run `time` ms in all (after a warm-up turn of
 * `warmup` ms each). A one-second window per task swings by a third on a shared
 * machine, as a full collection of a large heap lands in one window or the other;
 * in turns of a few milliseconds both paths meet the same machine state, and each
 * pays for the collections its own allocations bring. `blocks` splits the turns
 * into that many consecutive parts and gives each part's rates as well, to show the spread.
 */
export async function inTurns<TName extends string>(
  tasks: Record<TName, ThroughputTask>,
  options: { time?: number; slice?: number; warmup?: number; blocks?: number } = {},
): Promise<{ rates: Record<TName, number>; blocks: Array<Record<TName, number>> }> {
  const { time = 4000, slice = 20, warmup = 500, blocks = 4 } = options;
  const names = Object.keys(tasks) as TName[];
  async function turn(task: ThroughputTask, ms: number) {
    let ops = 0;
    const start = performance.now();
    let now = start;
    while (now - start < ms) {
      await task.fn();
      ops += task.opsPerCall ?? 1;
      now = performance.now();
    }
    return { ops, ms: now - start };
  }
  for (const name of names) await turn(tasks[name], warmup);
  const turnsPerBlock = Math.ceil(time / slice / blocks);
  const total = { ops: {} as Record<TName, number>, ms: {} as Record<TName, number> };
  for (const name of names) {
    total.ops[name] = 0;
    total.ms[name] = 0;
  }
  const byBlock: Array<Record<TName, number>> = [];
  for (let block = 0; block < blocks; block += 1) {
    const ops = {} as Record<TName, number>;
    const ms = {} as Record<TName, number>;
    for (const name of names) {
      ops[name] = 0;
      ms[name] = 0;
    }
    for (let i = 0; i < turnsPerBlock; i += 1)
      for (const name of names) {
        const measured = await turn(tasks[name], slice);
        ops[name] += measured.ops;
        ms[name] += measured.ms;
      }
    const rates = {} as Record<TName, number>;
    for (const name of names) {
      rates[name] = (ops[name] * 1000) / ms[name];
      total.ops[name] += ops[name];
      total.ms[name] += ms[name];
    }
    byBlock.push(rates);
  }
  const rates = {} as Record<TName, number>;
  for (const name of names) rates[name] = (total.ops[name] * 1000) / total.ms[name];
  return { rates, blocks: byBlock };
}
