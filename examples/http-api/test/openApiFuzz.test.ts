// Every operation of the OpenAPI document, fuzzed from its own schemas against the
// running service: whatever a client sends (valid commands built from the Command
// schema, known and unknown ids, junk bodies, no or bad credentials, wrong media
// types), the answer's status is one the document lists for that operation and its
// body matches the document's schema for that status. Fixed seed, modest runs.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevelopmentAuth, type DevelopmentAuth } from '../src/createDevelopmentAuth';
import { createHttpService } from '../src/createHttpService';
import { createServiceEngine } from '../src/createServiceEngine';
import { openApiDocument } from '../src/openApiDocument';
import { bikeTask, listen, people, registerPeople } from './httpClient';
import { type ArbitraryContext, type JsonSchema, schemaArbitrary } from './schemaArbitrary';

const policyFile = join(import.meta.dirname, '..', '..', 'policies', 'civilized-city.yaml');
const document = openApiDocument() as ArbitraryContext['document'] & {
  paths: Record<string, Record<string, Operation>>;
};

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema: JsonSchema;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
// The components under an id of their own, so `#/components/schemas/...` resolves.
const documentId = 'https://quanzi.dev/openapi.json';
ajv.addSchema({ $id: documentId, components: document.components });
const validators = new Map<JsonSchema, ValidateFunction>();
const validatorOf = (schema: JsonSchema) => {
  let validate = validators.get(schema);
  if (!validate) {
    validate = ajv.compile(
      JSON.parse(
        JSON.stringify(schema).replaceAll('"#/components/', `"${documentId}#/components/`),
      ),
    );
    validators.set(schema, validate);
  }
  return validate;
};

/** One request as drawn: who sends it, and what. */
interface Drawn {
  as: string | undefined;
  path: string;
  query: string;
  body: unknown;
  contentType: string;
  idempotencyKey: string | undefined;
}

describe('the OpenAPI document holds for whatever a client sends', () => {
  let api: Awaited<ReturnType<typeof listen>>;
  let tokens: DevelopmentAuth;
  const ids: string[] = people.map((person) => person.id);
  const seen = new Set<number>();

  beforeAll(async () => {
    const engine = await createServiceEngine({ policyFile });
    await registerPeople(engine);
    tokens = createDevelopmentAuth();
    api = await listen(createHttpService(engine, { auth: tokens.auth }), tokens);
    const created = await api.command('center', bikeTask());
    ids.push(created.body.taskId);
    await api.command('center', { type: 'task.publish', taskId: created.body.taskId });
    await api.command('center', {
      type: 'task.review',
      taskId: created.body.taskId,
      decision: 'approved',
    });
  });
  afterAll(() => api.close());

  async function send(method: string, drawn: Drawn) {
    const authorization: Record<string, string> =
      drawn.as === undefined
        ? {}
        : {
            authorization:
              drawn.as === 'forged' ? 'Bearer a.b.c' : `Bearer ${await tokens.token(drawn.as)}`,
          };
    const response = await fetch(`${api.address}${drawn.path}${drawn.query}`, {
      method,
      headers: {
        ...authorization,
        ...(method === 'POST' ? { 'content-type': drawn.contentType } : {}),
        ...(drawn.idempotencyKey === undefined ? {} : { 'idempotency-key': drawn.idempotencyKey }),
      },
      ...(method === 'POST' ? { body: JSON.stringify(drawn.body) } : {}),
      // A request left unanswered fails with what was sent instead of hanging the suite.
      signal: AbortSignal.timeout(20_000),
    });
    const text = await response.text();
    return { status: response.status, type: response.headers.get('content-type') ?? '', text };
  }

  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      it(`${operation.operationId}: ${method.toUpperCase()} ${path}`, async () => {
        const context: ArbitraryContext = { document, ids };
        const parameters = operation.parameters ?? [];
        const pathParams = parameters.filter((p) => p.in === 'path');
        const queryParams = parameters.filter((p) => p.in === 'query');
        const bodySchema = operation.requestBody?.content['application/json']?.schema;
        const drawValue = (schema: JsonSchema) =>
          fc.oneof({ weight: 3, arbitrary: schemaArbitrary(schema, context) }, fc.string());
        const request = fc.record({
          as: fc.constantFrom(undefined, 'forged', 'system', ...people.map((p) => p.id)),
          path: fc
            .tuple(...pathParams.map((p) => drawValue(p.schema)))
            .map((values) =>
              pathParams.reduce(
                (at, p, i) => at.replace(`{${p.name}}`, encodeURIComponent(String(values[i]))),
                path,
              ),
            ),
          query: fc
            .tuple(...queryParams.map((p) => fc.option(drawValue(p.schema), { nil: undefined })))
            .map((values) => {
              const search = new URLSearchParams();
              queryParams.forEach((p, i) => {
                if (values[i] !== undefined) search.set(p.name, String(values[i]));
              });
              return search.size === 0 ? '' : `?${search}`;
            }),
          body: bodySchema
            ? fc.oneof(
                { weight: 4, arbitrary: schemaArbitrary(bodySchema, context) },
                fc.jsonValue(),
              )
            : fc.constant(undefined),
          // The caller's own id as actorId most of the time, so commands get past the actor check.
          ownActor: fc.boolean(),
          contentType: fc.constantFrom('application/json', 'application/json', 'text/plain'),
          idempotencyKey: fc.option(fc.uuid(), { nil: undefined, freq: 5 }),
        });
        await fc.assert(
          fc.asyncProperty(request, async ({ ownActor, ...drawn }) => {
            if (ownActor && drawn.as !== undefined) drawn.body = withActor(drawn.body, drawn.as);
            const answer = await send(method.toUpperCase(), drawn);
            seen.add(answer.status);
            const listed = operation.responses[String(answer.status)];
            expect(
              listed,
              `${answer.status} is not listed: ${answer.text.slice(0, 300)}`,
            ).toBeDefined();
            const [mediaType, media] = Object.entries(listed?.content ?? {})[0] ?? [];
            expect(answer.type.split(';')[0]).toBe(mediaType);
            const body = JSON.parse(answer.text);
            const validate = validatorOf(media?.schema as JsonSchema);
            expect(validate(body), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
            if (mediaType === 'application/problem+json') expect(body.status).toBe(answer.status);
          }),
          { seed: 16, numRuns: Number(process.env.FUZZ_RUNS ?? 60), endOnFailure: true },
        );
      });
    }
  }

  it('reached applied commands and every kind of refusal', () => {
    // Fuzzing that only ever hit the front door would pass vacuously.
    expect([...seen].sort()).toEqual(expect.arrayContaining([200, 400, 401, 403, 404, 415]));
  });
});

/** A drawn command body (or batch) sent as `actor`, where it has room for an actorId. */
function withActor(body: unknown, actor: string): unknown {
  const own = (command: unknown) =>
    typeof command === 'object' && command !== null && !Array.isArray(command)
      ? { ...command, actorId: actor, idempotencyKey: randomUUID() }
      : command;
  return Array.isArray(body) ? body.map(own) : own(body);
}
