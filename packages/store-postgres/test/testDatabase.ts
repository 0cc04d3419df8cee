import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the run's throwaway server accepts connections (it boots in the background). */
async function waitForServer(url: string): Promise<void> {
  const errorFile = inject('databaseStartupError');
  for (let waited = 0; ; waited += 250) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (existsSync(errorFile)) throw new Error(readFileSync(errorFile, 'utf8'));
      if (waited > 90_000) throw error;
      await sleep(250);
    }
  }
}

/** A fresh database on the test server, and how to reach and drop it. */
export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** Creates an empty database so each test file starts from nothing. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = inject('databaseUrl');
  await waitForServer(serverUrl);
  const name = `quanzi_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      // Pools may still be closing their connections: wait for them rather than
      // killing them (a killed connection surfaces as an uncaught pool error).
      for (let tries = 0; ; tries += 1) {
        const force = tries === 100 ? ' WITH (FORCE)' : '';
        try {
          await client.query(`DROP DATABASE IF EXISTS ${name}${force}`);
          break;
        } catch (error) {
          if ((error as { code?: string }).code !== '55006' || force) throw error;
          await sleep(100);
        }
      }
      await client.end();
    },
  };
}
