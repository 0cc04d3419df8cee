import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemId } from '@quanzi/engine';
import { parsePostedRequests } from '@quanzi/open311';
import { loadPolicy } from '@quanzi/rules/files';
import { createPgDriver, createPostgresEventStore } from '@quanzi/store-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../../packages/store-postgres/test/testDatabase';
import { createDevelopmentAuth } from '../src/createDevelopmentAuth';
import { createHttpService } from '../src/createHttpService';
import { createServiceEngine } from '../src/createServiceEngine';
import { listen } from './httpClient';
import { fmsKey, gatewayId, jurisdiction } from './open311Service';

const policyFile = join(import.meta.dirname, '..', '..', 'policies', 'civilized-city.yaml');

// FixMyStreet behind a load balancer: its retry may reach the other instance.
describe('Open311 POST requests over two instances sharing one PostgreSQL', () => {
  let database: TestDatabase;
  const addresses: string[] = [];
  const closers: Array<() => Promise<unknown>> = [];
  let count: () => Promise<number>;

  beforeAll(async () => {
    database = await createTestDatabase();
    const policy = loadPolicy(readFileSync(policyFile, 'utf8'), { source: policyFile });
    const development = createDevelopmentAuth();
    for (let i = 0; i < 2; i += 1) {
      const store = await createPostgresEventStore({
        driver: createPgDriver({ connectionString: database.url }),
      });
      const engine = await createServiceEngine({ policyFile, store });
      if (i === 0)
        await engine.host.execute({
          type: 'participant.register',
          idempotencyKey: 'register-gateway',
          actorId: systemId,
          participant: {
            id: gatewayId,
            circleId: jurisdiction,
            kind: 'organisation',
            displayName: 'FixMyStreet gateway',
            roles: ['grid_worker'],
          },
        });
      const app = createHttpService(engine, {
        auth: development.auth,
        open311: {
          apiKeys: { [fmsKey]: gatewayId },
          categories: [...policy.categories.values()],
          jurisdictionId: jurisdiction,
        },
      });
      const api = await listen(app, development);
      addresses.push(api.address);
      closers.push(api.close, () => store.close());
      if (i === 0)
        count = async () => {
          await engine.refresh();
          return engine.getPrivilegedSnapshot().reports.length;
        };
    }
  });
  afterAll(async () => {
    for (const close of closers) await close();
    await database.drop();
  });

  it('files one report for the same post sent to both at once, and answers both with its id', async () => {
    const body = new URLSearchParams([
      ['jurisdiction_id', jurisdiction],
      ['api_key', fmsKey],
      ['service_code', 'litter'],
      ['lat', '39.909123'],
      ['long', '116.397456'],
      ['description', '垃圾堆在门口\n\nSubmitted via FixMyStreet'],
      ['email', 'li.lei@example.cn'],
    ]).toString();
    const post = (address: string) =>
      fetch(`${address}/open311/v2/requests.xml`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      }).then(async (response) => {
        expect(response.status).toBe(200);
        return parsePostedRequests(await response.text(), 'xml')[0]?.service_request_id;
      });
    const before = await count();
    const [a, b] = await Promise.all(addresses.map(post));
    expect(a).toMatch(/\S/);
    expect(b).toBe(a);
    expect(await post(addresses[1] ?? '')).toBe(a);
    expect(await count()).toBe(before + 1);
  });
});
