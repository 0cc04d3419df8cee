// One of the claim-race processes (see claimRace.test.ts): receives its share of
// claim attempts over IPC, waits for the start signal, appends each claim through
// its own pg pool and reports the outcome of every attempt.
import pg from 'pg';
import { createPgDriver, createPostgresEventStore } from '../src/index';
import { taskClaimed } from './testEvents';

/** One claim attempt; `key` doubles as event id and idempotency key. */
export interface ClaimAttempt {
  readonly key: string;
  readonly circleId: string;
  readonly taskId: string;
  readonly claimantId: string;
}

/** What a worker reports for one attempt. */
export interface ClaimOutcome {
  readonly key: string;
  readonly status: 'appended' | 'conflict' | 'error';
  readonly position?: number;
  readonly error?: string;
}

const url = process.env.QUANZI_RACE_DATABASE_URL;
const schema = process.env.QUANZI_RACE_SCHEMA;
if (!url || !schema || !process.send) throw new Error('run me from claimRace.test.ts');

const lanes = Number(process.env.QUANZI_RACE_LANES ?? 2);
const pool = new pg.Pool({ connectionString: url, max: lanes });
const store = await createPostgresEventStore({ driver: createPgDriver(pool), schema });

async function attempt(a: ClaimAttempt): Promise<ClaimOutcome> {
  try {
    const result = await store.append({
      circleId: a.circleId,
      expectations: [],
      events: [taskClaimed(a.key, a.taskId, a.circleId, a.claimantId)],
      idempotencyKey: a.key,
      requestHash: `${a.taskId}:${a.claimantId}`,
    });
    if (result.status === 'conflict') return { key: a.key, status: 'conflict' };
    return { key: a.key, status: 'appended', position: result.events[0]?.position ?? -1 };
  } catch (error) {
    return { key: a.key, status: 'error', error: String(error) };
  }
}

/** A few attempts in flight at a time, one per pooled connection. */
async function runAll(attempts: ReadonlyArray<ClaimAttempt>): Promise<ClaimOutcome[]> {
  const outcomes: ClaimOutcome[] = [];
  let next = 0;
  const lane = async () => {
    for (let a = attempts[next++]; a; a = attempts[next++]) outcomes.push(await attempt(a));
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return outcomes;
}

process.on('message', async (message: { attempts: ClaimAttempt[] }) => {
  const outcomes = await runAll(message.attempts);
  await pool.end();
  process.send?.({ outcomes }, () => process.exit(0));
});
process.send({ ready: true });
