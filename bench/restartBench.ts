import { fork } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgDriver, createPostgresEventStore } from '@quanzi/store-postgres';
import { build } from 'esbuild';
import { withThrowawayPostgres } from '../scripts/testPostgres';
import type { BenchResult } from './BenchCase';
import { insertRows, restartLog } from './restartLog';
import type { RestartWorkerEnv, RestartWorkerReport } from './restartWorker';

/**
 * The worker as one JavaScript file run by plain node, as a deployed server runs the
 * built packages: through the tsx loader the same start held ~50 MB more RSS (its
 * compiler and source maps), which is not the engine's.
 */
async function bundledWorker(): Promise<string> {
  const outfile = join(await mkdtemp(join(tmpdir(), 'quanzi-restart-')), 'restartWorker.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'restartWorker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['quanzi-source'],
    // pg reaches for these only when asked to (native bindings, the embedded database).
    external: ['pg-native', '@electric-sql/pglite', '@electric-sql/pglite/*'],
    // Bundled CommonJS (pg) calls require for node's own modules.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    // The fixtures find their formula file next to their own source, wherever the bundle is.
    define: {
      'import.meta.dirname': JSON.stringify(join(import.meta.dirname, '../packages/engine/test')),
    },
    logLevel: 'error',
  });
  return outfile;
}

/**
 * Starts an engine in a fresh process, so each path's peak RSS is its own; with
 * `heapMB`, under that cap on V8's old space, as a container of that size sets it.
 */
function inChild(
  worker: string,
  url: string,
  schema: string,
  mode: RestartWorkerEnv['QUANZI_BENCH_MODE'],
  heapMB?: number,
  halfLifeDays?: number,
) {
  const env: RestartWorkerEnv = {
    QUANZI_BENCH_URL: url,
    QUANZI_BENCH_SCHEMA: schema,
    QUANZI_BENCH_MODE: mode,
    ...(halfLifeDays === undefined ? {} : { QUANZI_BENCH_HALF_LIFE_DAYS: String(halfLifeDays) }),
  };
  const execArgv = ['--expose-gc', ...(heapMB ? [`--max-old-space-size=${heapMB}`] : [])];
  const child = fork(worker, { execArgv, env: { ...process.env, ...env } });
  return new Promise<RestartWorkerReport>((resolve, reject) => {
    child.once('message', (message) => resolve(message as RestartWorkerReport));
    child.once('exit', (code) => code !== 0 && reject(new Error(`restart worker exited ${code}`)));
  });
}

const mb = (value: number) => Math.round(value);
// V8's old-space cap for the capped snapshot write and replay: what a 600 MB container would set.
const heapCapMB = 512;
const round = (value: number) => Number(value.toPrecision(3));

/**
 * Seconds to start an engine over a PostgreSQL log of `QUANZI_RESTART_EVENTS` events
 * (1,000,000 by default) from a snapshot a few events behind the head, and, as the
 * baseline in the details, by replaying the whole log; each in its own process. The
 * details also give the peak RSS of an engine that starts from the snapshot and writes
 * the next one, as a running engine does every `snapshots.every` events, the seconds
 * and peak RSS of a start from the snapshot under an edited policy and lifecycle terms,
 * those of an engine taking in an overturn of the log's first acceptance, and those of
 * a start under other reputation options (records restored, reputation folded again),
 * also under a heap cap.
 */
export async function restartOverLongLog(): Promise<BenchResult> {
  const count = Number(process.env.QUANZI_RESTART_EVENTS ?? 1_000_000);
  const tail = Math.max(1000, Math.round(count / 500));
  return withThrowawayPostgres(async (url) => {
    const schema = `bench_restart_${process.pid}`;
    const store = await createPostgresEventStore({
      driver: createPgDriver({ connectionString: url, max: 1 }),
      schema,
    });
    try {
      const began = performance.now();
      let lastTask = 0;
      const write = async (log: AsyncGenerator<Parameters<typeof insertRows>[1]>) => {
        for await (const rows of log) {
          await insertRows(store, rows);
          for (const row of rows)
            if (row.type === 'quanzi.task.created')
              lastTask = Number(row.subject.slice('task/t'.length));
        }
      };
      await write(restartLog(count - tail));
      const generateSeconds = (performance.now() - began) / 1000;
      const worker = await bundledWorker();
      const writer = await inChild(worker, url, schema, 'write');
      // The snapshot sits a little behind the head, as after a crash between snapshots.
      await write(restartLog(tail, lastTask + 1));
      const replay = await inChild(worker, url, schema, 'replay');
      const restored = await inChild(worker, url, schema, 'snapshot');
      // A municipality edited its tiers, ranking and lifecycle terms: the snapshot holds.
      const edited = await inChild(worker, url, schema, 'edited');
      // A running engine writes its periodic snapshot from the state it restored.
      const rewrite = await inChild(worker, url, schema, 'rewrite');
      // Left alone, V8 lets garbage pile up far above what the engine holds before it
      // collects; capped, the same write and replay must stay within the cap.
      const capped = await inChild(worker, url, schema, 'rewrite', heapCapMB);
      const cappedReplay = await inChild(worker, url, schema, 'replay', heapCapMB);
      for (const start of [restored, edited])
        if (start.position !== replay.position || start.tasks !== replay.tasks)
          throw new Error('a restored engine does not match the replay');
      // Last: each appends an overturn to the log (the capped one then starts with one to fold).
      const overturn = await inChild(worker, url, schema, 'overturn');
      const cappedOverturn = await inChild(worker, url, schema, 'overturn', heapCapMB);
      // Last of all: each writes a snapshot under its own reputation options, so the
      // capped one, under yet another half-life, folds reputation again as well.
      const reputationEdit = await inChild(worker, url, schema, 'reputation');
      const cappedReputationEdit = await inChild(worker, url, schema, 'reputation', heapCapMB, 45);
      return {
        value: round(restored.seconds),
        details: {
          events: replay.position,
          tasks: replay.tasks,
          eventsAfterSnapshot: replay.position - writer.position,
          replaySeconds: round(replay.seconds),
          restoreCpuSeconds: round(restored.cpuSeconds),
          replayCpuSeconds: round(replay.cpuSeconds),
          restoreOverReplay: round(restored.seconds / replay.seconds),
          restoreMaxRssMB: mb(restored.maxRssMB),
          policyEditRestoreSeconds: round(edited.seconds),
          policyEditRestoreMaxRssMB: mb(edited.maxRssMB),
          reputationEditStartSeconds: round(reputationEdit.seconds),
          reputationEditStartMaxRssMB: mb(reputationEdit.maxRssMB),
          reputationEditStartMaxRssMBHeapCapped: mb(cappedReputationEdit.maxRssMB),
          reputationEditStartSecondsHeapCapped: round(cappedReputationEdit.seconds),
          replayMaxRssMB: mb(replay.maxRssMB),
          snapshotWriteStartRssMB: mb(rewrite.startedRssMB),
          snapshotWriteMaxRssMB: mb(rewrite.maxRssMB),
          restoreLiveHeapMB: mb(restored.liveHeapMB),
          replayLiveHeapMB: mb(replay.liveHeapMB),
          heapCapMB,
          snapshotWriteMaxRssMBHeapCapped: mb(capped.maxRssMB),
          replayMaxRssMBHeapCapped: mb(cappedReplay.maxRssMB),
          replaySecondsHeapCapped: round(cappedReplay.seconds),
          overturnRefoldSeconds: round(overturn.overturnSeconds),
          overturnRefoldMaxRssMB: mb(overturn.maxRssMB),
          overturnRefoldMaxRssMBHeapCapped: mb(cappedOverturn.maxRssMB),
          overturnRefoldOverReplay: round(overturn.overturnSeconds / replay.seconds),
          generateSeconds: round(generateSeconds),
          worker: 'one esbuild bundle of the sources under plain node (no tsx loader)',
          log: 'bench cycles (report, create, publish, claim, start, submit, accept, rate) written into the events and streams tables',
        },
      };
    } finally {
      await store.driver.query(`DROP SCHEMA ${schema} CASCADE`);
      await store.close();
    }
  });
}
