// A subscription consumer in its own process, for the SIGKILL test: it writes each
// event id it handles to a file, slowly, so the parent can kill it mid-stream.
import { appendFileSync } from 'node:fs';
import { createPgDriver, createPostgresEventStore } from '@quanzi/store-postgres';
import { createSubscription } from '../src/index';

const url = process.env.QUANZI_SUB_DATABASE_URL as string;
const seen = process.env.QUANZI_SUB_SEEN_FILE as string;
const store = await createPostgresEventStore({
  driver: createPgDriver({ connectionString: url, max: 1 }),
  schema: 'subscription',
});
const outbox = createSubscription({
  name: 'sms-outbox',
  store,
  checkpoints: store.checkpoints,
  pageSize: 7,
  async handle(event) {
    appendFileSync(seen, `${event.position} ${event.id}\n`);
    await new Promise((resolve) => setTimeout(resolve, 3));
  },
});
await outbox.drain();
await store.close();
