import { CommandSchema } from '@quanzi/engine';
import { z } from 'zod';
import {
  AppliedOutcomeSchema,
  BatchOutcomeSchema,
  NearbyItemSchema,
  ProblemSchema,
  ProfileViewSchema,
  TaskViewSchema,
} from './responseSchemas';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A problem+json answer; `description` is required on every OpenAPI response. */
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});

const idempotencyHeader = {
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  description: 'Client-made key: a retried command returns its first result',
  schema: { type: 'string', maxLength: 200 },
};
const json = (schema: object) => ({ content: { 'application/json': { schema } } });

/** Statuses any route may answer with, whatever it does. */
const transportErrors = {
  '400': problem('A malformed URL, path id or query'),
  '401': problem('A credential is required here, or the one sent is not valid'),
  '403': problem('The credential names the host id, or the viewer may not ask this'),
  '404': problem('No such route, or nothing the viewer may see'),
  '414': problem('The request URI is too long'),
  '431': problem('The request line and headers are too large'),
  '503': problem('The store is not available'),
};
/** And those of a route that reads a JSON body and runs commands. */
const bodyErrors = {
  ...transportErrors,
  '400': problem('The body is not JSON, or a command is not valid (`issues` names each field)'),
  '403': problem(
    'The rules refuse the command (`reasons`), it names another actor, or it is host-only',
  ),
  '404': problem('A participant, task, report or circle the command names does not exist'),
  '409': problem('Another writer changed the item first, or the task cannot do that now'),
  '413': problem('The body is larger than the service accepts'),
  '415': problem('The body is not sent as application/json'),
  '422': problem('The idempotency key was already used for another command'),
};
/** A credential is required: the actor is the token's `sub`. */
const authenticated = [{ bearer: [] }];
/** A credential is optional: without one the caller is the public viewer. */
const optionallyAuthenticated = [{ bearer: [] }, {}];

const pathId = (name: string) => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' },
});

/** The response bodies, each a component generated from its zod schema. */
function responseComponents(): Record<string, object> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries({
    Problem: ProblemSchema,
    AppliedOutcome: AppliedOutcomeSchema,
    BatchOutcome: BatchOutcomeSchema,
    TaskView: TaskViewSchema,
    NearbyItem: NearbyItemSchema,
    ProfileView: ProfileViewSchema,
  }))
    registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    io: 'output',
    target: 'draft-2020-12',
    uri: (id) => `#/components/schemas/${id}`,
    // Polygon rings are closed by a transform on parse; what is sent is then any ring.
    unrepresentable: 'any',
  });
  for (const schema of Object.values(schemas)) delete schema.$schema;
  return schemas;
}

/**
 * The OpenAPI 3.1 document of the service. The command body and every response body
 * are generated from zod schemas (the engine's `CommandSchema`, core's and the
 * lifecycle's record schemas; 3.1 speaks JSON Schema 2020-12 natively), so the contract
 * a Java or PHP portal codes against is the one the service enforces and sends. Every
 * status the service answers with is listed, each error as problem+json.
 */
export function openApiDocument(): object {
  const command = z.toJSONSchema(CommandSchema, { io: 'input', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  delete command.$schema;
  return {
    openapi: '3.1.0',
    info: {
      title: 'Quanzi HTTP API',
      version: '0.1.0',
      description: 'Community crowdsourcing commands and queries',
    },
    components: {
      schemas: { Command: command, ...responseComponents() },
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A JWT whose `sub` is the participant id (`sub` and `exp` required), or whatever the host’s authenticate hook accepts. A body `actorId` must equal it; the host id `system` is refused.',
        },
      },
    },
    security: authenticated,
    paths: {
      '/openapi.json': {
        get: {
          operationId: 'getOpenApiDocument',
          summary: 'This document',
          security: optionallyAuthenticated,
          responses: {
            '200': { description: 'The OpenAPI 3.1 document', ...json({ type: 'object' }) },
            ...transportErrors,
          },
        },
      },
      '/v1/commands': {
        post: {
          operationId: 'executeCommand',
          summary: 'Execute one command',
          security: authenticated,
          parameters: [idempotencyHeader],
          requestBody: { required: true, ...json(ref('Command')) },
          responses: {
            '200': {
              description: 'Applied (or replayed for a repeated key: header `Idempotent-Replayed`)',
              ...json(ref('AppliedOutcome')),
            },
            ...bodyErrors,
          },
        },
      },
      '/v1/commands/batch': {
        post: {
          operationId: 'applyBatch',
          summary: 'Apply queued offline commands in order, one outcome each',
          description:
            'Every command must be the caller’s own (or name no actorId); one that is not refuses the whole batch with 403 before any is applied.',
          security: authenticated,
          requestBody: {
            required: true,
            ...json({ type: 'array', items: ref('Command') }),
          },
          responses: {
            '200': {
              description: 'One outcome per command',
              ...json({ type: 'array', items: ref('BatchOutcome') }),
            },
            ...bodyErrors,
          },
        },
      },
      '/v1/tasks': {
        get: {
          operationId: 'listTasks',
          summary: 'Tasks the viewer (the authenticated participant, else the public) may see',
          security: optionallyAuthenticated,
          responses: {
            '200': {
              description: 'The visible tasks',
              ...json({ type: 'array', items: ref('TaskView') }),
            },
            ...transportErrors,
          },
        },
      },
      '/v1/tasks/{taskId}': {
        get: {
          operationId: 'getTask',
          summary: 'One task as the viewer may see it',
          security: optionallyAuthenticated,
          parameters: [pathId('taskId')],
          responses: {
            '200': { description: 'The task', ...json(ref('TaskView')) },
            ...transportErrors,
          },
        },
      },
      '/v1/participants/{participantId}/nearby': {
        get: {
          operationId: 'listClaimableNearby',
          summary: 'Tasks the participant may claim nearby, best first (only for themselves)',
          security: authenticated,
          parameters: [
            pathId('participantId'),
            {
              name: 'lng',
              in: 'query',
              description: 'Longitude of the position to search from (with `lat`; default: home)',
              schema: { type: 'number', minimum: -180, maximum: 180 },
            },
            {
              name: 'lat',
              in: 'query',
              description: 'Latitude of the position to search from (with `lng`)',
              schema: { type: 'number', minimum: -90, maximum: 90 },
            },
          ],
          responses: {
            '200': {
              description: 'Claimable tasks, and public tasks of neighbouring circles',
              ...json({ type: 'array', items: ref('NearbyItem') }),
            },
            ...transportErrors,
          },
        },
      },
      '/v1/participants/{participantId}/profile': {
        get: {
          operationId: 'getProfile',
          summary: 'Tags, scores and level, as the viewer may see them',
          security: optionallyAuthenticated,
          parameters: [pathId('participantId')],
          responses: {
            '200': { description: 'The profile', ...json(ref('ProfileView')) },
            ...transportErrors,
          },
        },
      },
    },
  };
}
