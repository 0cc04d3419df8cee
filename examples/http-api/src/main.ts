// Runs the HTTP service: PGlite by default, PostgreSQL when DATABASE_URL is set.
import { join } from 'node:path';
import { createPgDriver, createPostgresEventStore } from '@quanzi/store-postgres';
import { createHttpService } from './createHttpService';
import { createServiceEngine } from './createServiceEngine';

const url = process.env.DATABASE_URL;
const store = await createPostgresEventStore(
  url ? { driver: createPgDriver({ connectionString: url }) } : {},
);
const policyFile =
  process.env.QUANZI_POLICY ??
  join(import.meta.dirname, '..', '..', 'policies', 'civilized-city.yaml');
const engine = await createServiceEngine({ policyFile, store });
const app = createHttpService(engine);
const port = Number(process.env.PORT ?? 3000);
await app.listen({ host: '127.0.0.1', port });
console.log(
  `Quanzi HTTP API on http://127.0.0.1:${port} (OpenAPI: /openapi.json, store: ${url ? 'PostgreSQL' : 'PGlite'})`,
);
