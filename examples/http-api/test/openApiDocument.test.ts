// The OpenAPI document passes a real validator (the same check `pnpm openapi` runs in
// `pnpm check`), names every operation, describes every response, and types every
// success body from the zod schemas rather than as a bare object or array.
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../src/openApiDocument';

interface Operation {
  operationId?: string;
  requestBody?: unknown;
  responses: Record<
    string,
    { description?: string; content?: Record<string, { schema: Record<string, unknown> }> }
  >;
}
const document = openApiDocument() as { paths: Record<string, Record<string, Operation>> };
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
);

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 for @apidevtools/swagger-parser', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('gives every operation a unique operationId and every response a description', () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(ids.every((id) => typeof id === 'string' && id !== '')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, operation } of operations)
      for (const [status, response] of Object.entries(operation.responses))
        expect(response.description, `${path} ${status}`).toMatch(/\w/);
  });

  it('types success bodies by generated schemas and lists every error status as a problem', () => {
    for (const { path, method, operation } of operations) {
      if (path === '/openapi.json') continue;
      const schema = operation.responses['200']?.content?.['application/json']?.schema ?? {};
      const items = schema.items as Record<string, unknown> | undefined;
      expect(schema.$ref ?? items?.$ref, `${method} ${path}`).toMatch(/^#\/components\/schemas\//);
      const statuses = ['400', '401', '403', '404', '414'];
      if (operation.requestBody) statuses.push('409', '413', '415', '422');
      for (const status of statuses)
        expect(
          Object.keys(operation.responses[status]?.content ?? {}),
          `${path} ${status}`,
        ).toEqual(['application/problem+json']);
    }
  });
});
