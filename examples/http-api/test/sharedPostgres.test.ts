import { join } from 'node:path';
import { createPgDriver, createPostgresEventStore } from '@quanzi/store-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../../packages/store-postgres/test/testDatabase';
import { createDevelopmentAuth } from '../src/createDevelopmentAuth';
import { createHttpService } from '../src/createHttpService';
import { createServiceEngine } from '../src/createServiceEngine';
import { bikeTask, listen, registerPeople } from './httpClient';

const policyFile = join(import.meta.dirname, '..', '..', 'policies', 'civilized-city.yaml');

// Two service instances over one real PostgreSQL database, as a load-balanced portal would run them.
describe('HTTP API: several instances over one PostgreSQL', () => {
  let database: TestDatabase;
  const instances: Array<Awaited<ReturnType<typeof listen>>> = [];
  const stores: Array<Awaited<ReturnType<typeof createPostgresEventStore>>> = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    // Both instances trust the same identity provider, as behind one load balancer.
    const development = createDevelopmentAuth();
    for (let i = 0; i < 2; i += 1) {
      const store = await createPostgresEventStore({
        driver: createPgDriver({ connectionString: database.url }),
      });
      stores.push(store);
      const engine = await createServiceEngine({ policyFile, store });
      // The host registers the people once, in-process; the other instance reads them from the log.
      if (i === 0) await registerPeople(engine);
      instances.push(
        await listen(createHttpService(engine, { auth: development.auth }), development),
      );
    }
  });
  afterAll(async () => {
    for (const instance of instances) await instance.close();
    for (const store of stores) await store.close();
    await database.drop();
  });

  it('gives the same guarantees as one instance: one claimer wins, retries replay anywhere', async () => {
    const [a, b] = instances as [
      Awaited<ReturnType<typeof listen>>,
      Awaited<ReturnType<typeof listen>>,
    ];
    const created = await b.command('center', bikeTask());
    expect(created.status).toBe(200);
    const taskId = created.body.taskId;
    await a.command('center', { type: 'task.publish', taskId });
    await b.command('center', { type: 'task.review', taskId, decision: 'approved' });

    // Two people claim the one-slot task at the same moment through different instances.
    const [zhou, wang] = await Promise.all([
      a.command('zhou', { type: 'task.claim', taskId }, 'claim-zhou'),
      b.command('wang', { type: 'task.claim', taskId }, 'claim-wang'),
    ]);
    const statuses = [zhou.status, wang.status].sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const winner = zhou.status === 200 ? 'zhou' : 'wang';

    // The winner's phone retries through the other instance: the first result comes back.
    const retry = await (winner === 'zhou' ? b : a).command(
      winner,
      { type: 'task.claim', taskId },
      `claim-${winner}`,
    );
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');

    // Both instances agree on the state, and the log holds exactly one claim.
    for (const instance of instances) {
      const task = await instance.request('GET', `/v1/tasks/${taskId}`, { as: 'center' });
      expect(
        task.body.snapshot.claims.map((claim: { claimantId: string }) => claim.claimantId),
      ).toEqual([winner]);
    }
    const events = await stores[0]?.readStream(`task/${taskId}`);
    expect(events?.filter((event) => event.type === 'quanzi.task.claimed')).toHaveLength(1);
    expect((await stores[1]?.verifyAudit())?.ok).toBe(true);
  });
});
