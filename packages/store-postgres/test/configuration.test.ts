import { isQuanziError } from '@quanzi/core';
import { describe, expect, it } from 'vitest';
import { createPgDriver, createPostgresEventStore, storeTables } from '../src/index';

const codeOf = (error: unknown) => (isQuanziError(error) ? error.code : String(error));

describe('configuration and failures', () => {
  it('refuses a schema name that is not a plain identifier', () => {
    expect(() => storeTables('quanzi"; DROP TABLE x; --')).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['schema'] }),
    );
  });

  it('reports an unreachable server as storage_failure', async () => {
    const driver = createPgDriver({
      connectionString: 'postgres://postgres@127.0.0.1:1/none',
      connectionTimeoutMillis: 2000,
    });
    const error = await createPostgresEventStore({ driver }).catch((e: unknown) => e);
    expect(codeOf(error)).toBe('storage_failure');
    await driver.close();
  });
});
