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
