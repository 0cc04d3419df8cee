// Runs the HTTP service: PGlite by default, PostgreSQL when DATABASE_URL is set.
// Callers authenticate with JWTs from QUANZI_JWKS_URL; without it the service runs
// with DEVELOPMENT tokens (refused when NODE_ENV=production) and prints one.
import { join } from 'node:path';
import { systemId } from '@quanzi/engine';
import { createPgDriver, createPostgresEventStore } from '@quanzi/store-postgres';
import { createDevelopmentAuth, type DevelopmentAuth } from './createDevelopmentAuth';
import { createHttpService } from './createHttpService';
import { createServiceEngine } from './createServiceEngine';
import type { HttpAuth } from './HttpAuth';

const url = process.env.DATABASE_URL;
const store = await createPostgresEventStore(
  url ? { driver: createPgDriver({ connectionString: url }) } : {},
);
const policyFile =
  process.env.QUANZI_POLICY ??
  join(import.meta.dirname, '..', '..', 'policies', 'civilized-city.yaml');
const engine = await createServiceEngine({ policyFile, store });
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
const app = createHttpService(engine, { auth });
const port = Number(process.env.PORT ?? 3000);
await app.listen({ host: '127.0.0.1', port });
console.log(
  `Quanzi HTTP API on http://127.0.0.1:${port} (OpenAPI: /openapi.json, store: ${url ? 'PostgreSQL' : 'PGlite'})`,
);
if (development) {
  // The host (this process, never an HTTP caller) registers a first command center to log in as.
  const participant = process.env.QUANZI_DEV_PARTICIPANT ?? 'center';
  const known = engine
    .getPrivilegedSnapshot()
    .participants.some((p) => p.participant.id === participant);
  if (!known) {
    await engine.host.execute({
      type: 'participant.register',
      idempotencyKey: `development-${participant}`,
      actorId: systemId,
      participant: {
        id: participant,
        circleId: engine.circles.circles[0]?.id ?? 'civilized-city',
        kind: 'command',
        displayName: 'Command center (development)',
        roles: ['command_center'],
      },
    });
  }
  console.log(
    `DEVELOPMENT token for "${participant}" (throwaway key, valid 1 h):\n  Authorization: Bearer ${await development.token(participant)}`,
  );
}
