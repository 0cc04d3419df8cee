import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '@quanzi/core';
import { systemId } from '@quanzi/engine';
import { loadPolicy } from '@quanzi/rules/files';
import { createDevelopmentAuth } from '../src/createDevelopmentAuth';
import { createHttpService } from '../src/createHttpService';
import { createServiceEngine } from '../src/createServiceEngine';
import { listen, registerPeople } from './httpClient';

const policyFile = join(import.meta.dirname, '..', '..', 'policies', 'civilized-city.yaml');

/** The API key FixMyStreet is configured with, and the gateway it submits as. */
export const fmsKey = 'fms-7f3a9c';
export const gatewayId = 'fixmystreet-gateway';
export const jurisdiction = 'civilized-city';

/** A clock the test moves, so requests can be dated across months. */
export function createTestClock(start: string): Clock & { set(at: string): void } {
  let now = start;
  return {
    now: () => now,
    set: (at) => {
      now = at;
    },
  };
}

/**
 * The civilized-city service with its Open311 endpoints on a free loopback port:
 * the people of the test circle plus a FixMyStreet gateway (a grid worker, since it
 * reports for people who are not participants).
 */
export async function startOpen311Service(clock: Clock) {
  const policy = loadPolicy(readFileSync(policyFile, 'utf8'), { source: policyFile });
  const engine = await createServiceEngine({ policyFile, clock });
  await registerPeople(engine);
  const registered = await engine.host.execute({
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
  if (registered.status !== 'applied') throw new Error('could not register the gateway');
  const development = createDevelopmentAuth();
  const app = createHttpService(engine, {
    auth: development.auth,
    open311: {
      apiKeys: { [fmsKey]: gatewayId },
      categories: [...policy.categories.values()],
      jurisdictionId: jurisdiction,
      agency: '文明城市街道办指挥中心',
      serviceNotice: '指挥中心将在 24 小时内研判 / The command center reviews it within 24 hours',
      clock,
    },
  });
  const api = await listen(app, development);
  /** A form POST exactly as an HTML form or FixMyStreet's LWP client sends it. */
  const postForm = async (
    path: string,
    form: URLSearchParams | string,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${api.address}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: form.toString(),
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      text: await response.text(),
    };
  };
  return { engine, api, postForm };
}
