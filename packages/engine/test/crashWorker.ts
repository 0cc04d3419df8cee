// A child process of crash.test.ts: runs a seeded command stream against a PGlite
// database on disk, printing `done <index> <status>` after each command, and at the
// end (as `final <json>`) whether its live projections equal a full rebuild, the
// log and the projections.
import { PGlite } from '@electric-sql/pglite';
import { createPgliteDriver, createPostgresEventStore } from '@quanzi/store-postgres';
import { crashEngine, crashSteps, projections, runStream } from './crashStream';

const [dataDir = '', seed = '1'] = process.argv.slice(2);
const store = await createPostgresEventStore({
  driver: createPgliteDriver(await PGlite.create(dataDir)),
});
const run = await crashEngine(store);
await runStream(run, crashSteps(Number(seed)), (index, status) => {
  process.stdout.write(`done ${index} ${status}\n`);
});
const now = run.clock.now();
const live = JSON.stringify(projections(run.engine, now));
await run.engine.rebuild();
const rebuilt = JSON.stringify(projections(run.engine, now));
const log = await store.readAll();
process.stdout.write(
  `final ${JSON.stringify({ rebuildEqual: live === rebuilt, log, projections: JSON.parse(rebuilt) })}\n`,
);
// Ending without a clean close is one more crash the next start must survive.
process.exit(0);
