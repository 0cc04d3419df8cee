// One of the 8 processes of store.bench.ts's engine.claims_contended_vs_bare.postgres:
// on each signal of the parent it tries to claim every task of a round once, either
// through an engine on the shared PostgreSQL store or with the bare conditional
// UPDATE, and reports how many attempts it made and won: an untimed warm-up round,
// then the timed one.
import { createManualClock, createSequentialIds } from '@quanzi/core';
import { createEngine } from '@quanzi/engine';
import { createPgDriver, createPostgresEventStore } from '@quanzi/store-postgres';
import { circles, policy, start } from '../packages/engine/test/engineFixtures';

/** What the parent tells a worker, in its environment. */
export interface ClaimWorkerEnv {
  readonly QUANZI_BENCH_URL: string;
  readonly QUANZI_BENCH_SCHEMA: string;
  readonly QUANZI_BENCH_MODE: 'engine' | 'bare';
  readonly QUANZI_BENCH_WORKER: string;
  /** Tasks t0… of the warm-up round; the timed round's follow them. */
  readonly QUANZI_BENCH_WARMUP_TASKS: string;
  readonly QUANZI_BENCH_TASKS: string;
}

/** What a worker reports when it is done. */
export interface ClaimWorkerReport {
  readonly attempts: number;
  readonly won: number;
  /** CPU time this process spent on its attempts (user + system), in ms. */
  readonly cpuMs: number;
}

const env = process.env as Partial<ClaimWorkerEnv>;
const url = env.QUANZI_BENCH_URL;
const schema = env.QUANZI_BENCH_SCHEMA;
if (!url || !schema || !process.send) throw new Error('run me from store.bench.ts');
const worker = Number(env.QUANZI_BENCH_WORKER);
const warmup = Number(env.QUANZI_BENCH_WARMUP_TASKS);
const tasks = Number(env.QUANZI_BENCH_TASKS);
const claimant = `v${worker}`;
// Every worker walks the tasks in the same order, so all of them contend for each task.
const taskAt = (i: number) => `t${i}`;

interface Claims {
  /** Tries to claim tasks t`from` to t`to - 1`, once each. */
  claim(from: number, to: number): Promise<Omit<ClaimWorkerReport, 'cpuMs'>>;
  close(): Promise<void>;
}

async function engineClaims(): Promise<Claims> {
  const store = await createPostgresEventStore({
    driver: createPgDriver({ connectionString: url, max: 1 }),
    schema,
  });
  const engine = await createEngine({
    circles,
    policy,
    store,
    clock: createManualClock(start),
    ids: createSequentialIds(`w${worker}`),
  });
  async function claim(from: number, to: number) {
    let won = 0;
    for (let i = from; i < to; i += 1) {
      const outcome = await engine.execute({
        type: 'task.claim',
        actorId: claimant,
        taskId: taskAt(i),
        idempotencyKey: `claim-${taskAt(i)}-${claimant}`,
      });
      if (outcome.status === 'applied') won += 1;
    }
    return { attempts: to - from, won };
  }
  return { claim, close: () => store.close() };
}

async function bareClaims(): Promise<Claims> {
  // The same pg client as the engine's store, one connection, a named statement.
  const driver = createPgDriver({ connectionString: url, max: 1 });
  await driver.query('SELECT 1');
  async function claim(from: number, to: number) {
    let won = 0;
    for (let i = from; i < to; i += 1) {
      const rows = await driver.query(
        `UPDATE ${schema}.bare_tasks SET state = 'claimed', claimant_id = $2
          WHERE task_id = $1 AND state = 'published' RETURNING task_id`,
        [taskAt(i), claimant],
      );
      won += rows.length;
    }
    return { attempts: to - from, won };
  }
  return { claim, close: () => driver.close() };
}

const claims = env.QUANZI_BENCH_MODE === 'bare' ? await bareClaims() : await engineClaims();
// A server process runs warm: each message starts a round, the warm-up's, then the timed one's.
const rounds = [
  [0, warmup],
  [warmup, warmup + tasks],
] as const;
let round = 0;
process.on('message', async () => {
  const [from, to] = rounds[round] ?? rounds[1];
  round += 1;
  // Wall time on a shared 2-core machine depends on everyone else; CPU time says what one attempt costs here.
  const before = process.cpuUsage();
  const counted = await claims.claim(from, to);
  const cpu = process.cpuUsage(before);
  const report: ClaimWorkerReport = { ...counted, cpuMs: (cpu.user + cpu.system) / 1000 };
  if (round === rounds.length) await claims.close();
  process.send?.(report, () => round === rounds.length && process.exit(0));
});
process.send({ ready: true });
