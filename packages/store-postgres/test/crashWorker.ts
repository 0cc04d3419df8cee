// Runs the crash-test command stream against PostgreSQL until it is killed
// (see crash.test.ts), or to the end, then exits.
import { createPgDriver, createPostgresEventStore } from '../src/index';
import { crashCommands } from './crashCommands';

const url = process.env.QUANZI_CRASH_DATABASE_URL;
const schema = process.env.QUANZI_CRASH_SCHEMA;
if (!url || !schema) throw new Error('run me from crash.test.ts');

const store = await createPostgresEventStore({
  driver: createPgDriver({ connectionString: url, max: 1 }),
  schema,
});
for (const command of crashCommands()) await store.append(command);
await store.close();
