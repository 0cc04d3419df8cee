// Runs the HTTP service: PGlite by default, PostgreSQL when DATABASE_URL is set.
// Callers authenticate with JWTs from QUANZI_JWKS_URL; without it the service runs
// with DEVELOPMENT tokens (refused when NODE_ENV=production) and prints one.
// Open311 GeoReport v2 answers under /open311/v2; POST requests needs an API key
// from QUANZI_OPEN311_API_KEYS (key=gateway,…), or in development a printed throwaway one.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ParticipantInput } from '@quanzi/core';
import { type Engine, systemId } from '@quanzi/engine';
import { loadPolicy } from '@quanzi/rules/files';
import { createPgDriver, createPostgresEventStore } from '@quanzi/store-postgres';
import { createDevelopmentAuth, type DevelopmentAuth } from './createDevelopmentAuth';
import { createHttpService } from './createHttpService';
import { createServiceEngine } from './createServiceEngine';
import type { HttpAuth } from './HttpAuth';
import { open311Prefix } from './open311Routes';
import { parseApiKeys } from './parseApiKeys';

const url = process.env.DATABASE_URL;
const store = await createPostgresEventStore(
  url ? { driver: createPgDriver({ connectionString: url }) } : {},
);
const policyFile =
  process.env.QUANZI_POLICY ??
  join(import.meta.dirname, '..', '..', 'policies', 'civilized-city.yaml');
const policy = loadPolicy(readFileSync(policyFile, 'utf8'), { source: policyFile });
const engine = await createServiceEngine({ policyFile, store });
const circle = engine.circles.circles[0];
const circleId = circle?.id ?? policy.document.id;
const jwks = process.env.QUANZI_JWKS_URL;
let auth: HttpAuth;
let development: DevelopmentAuth | undefined;
if (jwks) {
  const issuer = process.env.QUANZI_JWT_ISSUER;
  const audience = process.env.QUANZI_JWT_AUDIENCE;
  auth = { jwks, ...(issuer ? { issuer } : {}), ...(audience ? { audience } : {}) };
} else {
  development = createDevelopmentAuth();
  auth = development.auth;
}

/** Registers a participant in-process (the host's power) unless it is known already. */
async function registerOnce(
  service: Engine,
  id: string,
  participant: Pick<ParticipantInput, 'kind' | 'displayName' | 'roles'>,
) {
  const known = service.getPrivilegedSnapshot().participants.some((p) => p.participant.id === id);
  if (known) return;
  const outcome = await service.host.execute({
    type: 'participant.register',
    idempotencyKey: `host-register-${id}`,
    actorId: systemId,
    participant: { id, circleId, ...participant },
  });
  if (outcome.status !== 'applied')
    throw new Error(`Could not register "${id}": ${outcome.reasons.map((r) => r.code).join(', ')}`);
}

// Open311 API keys: configured ones, or in development one throwaway key printed below.
const configuredKeys = parseApiKeys(process.env.QUANZI_OPEN311_API_KEYS ?? '');
const developmentKey =
  development && Object.keys(configuredKeys).length === 0 ? `dev-${randomUUID()}` : undefined;
const apiKeys = developmentKey ? { [developmentKey]: 'open311-gateway' } : configuredKeys;
// Each gateway reports for people who are not participants: a grid worker of the circle.
for (const gateway of new Set(Object.values(apiKeys)))
  await registerOnce(engine, gateway, {
    kind: 'organisation',
    displayName: `Open311 gateway ${gateway}`,
    roles: ['grid_worker'],
  });

const app = createHttpService(engine, {
  auth,
  open311: {
    apiKeys,
    categories: [...policy.categories.values()],
    jurisdictionId: circleId,
    ...(circle ? { agency: circle.name['zh-CN'] } : {}),
  },
});
const port = Number(process.env.PORT ?? 3000);
await app.listen({ host: '127.0.0.1', port });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
console.log(
  `Quanzi HTTP API on ${base} (OpenAPI: /openapi.json, Open311 GeoReport v2: ${open311Prefix}, store: ${url ? 'PostgreSQL' : 'PGlite'})`,
);
if (developmentKey)
  console.log(`DEVELOPMENT Open311 api_key (throwaway, this process only): ${developmentKey}`);
else if (Object.keys(apiKeys).length === 0)
  console.log('Open311 POST requests is refused: set QUANZI_OPEN311_API_KEYS=key=gateway,…');
if (development) {
  // The host (this process, never an HTTP caller) registers a first command center to log in as.
  const participant = process.env.QUANZI_DEV_PARTICIPANT ?? 'center';
  await registerOnce(engine, participant, {
    kind: 'command',
    displayName: 'Command center (development)',
    roles: ['command_center'],
  });
  console.log(
    `DEVELOPMENT token for "${participant}" (throwaway key, valid 1 h):\n  Authorization: Bearer ${await development.token(participant)}`,
  );
}
