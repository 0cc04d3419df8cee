import { CommandSchema } from '@quanzi/engine';
import { z } from 'zod';

const problem = {
  description:
    'RFC 9457 problem details: `title` a sentence and `detail` the specifics in the Accept-Language language, `code` the stable reason, `message` the detail in English and Chinese',
  content: {
    'application/problem+json': {
      schema: {
        type: 'object',
        required: ['type', 'title', 'status', 'detail', 'code', 'message'],
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          code: { type: 'string' },
          message: {
            type: 'object',
            required: ['en', 'zh-CN'],
            properties: { en: { type: 'string' }, 'zh-CN': { type: 'string' } },
          },
          issues: { type: 'array', items: { type: 'object' } },
          reasons: { type: 'array', items: { type: 'object' } },
        },
      },
    },
  },
};

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
  '401': problem,
  '403': problem,
  '404': problem,
  '414': problem,
};
/** And those of a route that reads a JSON body. */
const bodyErrors = { ...transportErrors, '400': problem, '413': problem, '415': problem };
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

/**
 * The OpenAPI 3.1 document of the service, its command body generated from the
 * engine's zod `CommandSchema` (3.1 speaks JSON Schema 2020-12 natively), so the
 * contract a Java or PHP portal codes against is the one the engine enforces.
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
      schemas: { Command: command },
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
      '/v1/commands': {
        post: {
          summary: 'Execute one command',
          security: authenticated,
          parameters: [idempotencyHeader],
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/Command' }) },
          responses: {
            '200': {
              description: 'Applied (or replayed for a repeated key)',
              ...json({ type: 'object' }),
            },
            ...bodyErrors,
            '409': problem,
            '422': problem,
          },
        },
      },
      '/v1/commands/batch': {
        post: {
          summary: 'Apply queued offline commands in order, one outcome each',
          description:
            'Every command must be the caller’s own (or name no actorId); one that is not refuses the whole batch with 403 before any is applied.',
          security: authenticated,
          requestBody: {
            required: true,
            ...json({ type: 'array', items: { $ref: '#/components/schemas/Command' } }),
          },
          responses: {
            '200': { description: 'One outcome per command', ...json({ type: 'array' }) },
            ...bodyErrors,
          },
        },
      },
      '/v1/tasks': {
        get: {
          summary: 'Tasks the viewer (the authenticated participant, else the public) may see',
          security: optionallyAuthenticated,
          responses: {
            '200': { description: 'The visible tasks', ...json({ type: 'array' }) },
            ...transportErrors,
          },
        },
      },
      '/v1/tasks/{taskId}': {
        get: {
          summary: 'One task as the viewer may see it',
          security: optionallyAuthenticated,
          parameters: [pathId('taskId')],
          responses: {
            '200': { description: 'The task', ...json({ type: 'object' }) },
            '400': problem,
            ...transportErrors,
          },
        },
      },
      '/v1/participants/{participantId}/nearby': {
        get: {
          summary: 'Tasks the participant may claim nearby, best first (only for themselves)',
          security: authenticated,
          parameters: [
            pathId('participantId'),
            { name: 'lng', in: 'query', schema: { type: 'number' } },
            { name: 'lat', in: 'query', schema: { type: 'number' } },
          ],
          responses: {
            '200': { description: 'Claimable tasks', ...json({ type: 'array' }) },
            '400': problem,
            ...transportErrors,
          },
        },
      },
      '/v1/participants/{participantId}/profile': {
        get: {
          summary: 'Tags, scores and level, as the viewer may see them',
          security: optionallyAuthenticated,
          parameters: [pathId('participantId')],
          responses: {
            '200': { description: 'The profile', ...json({ type: 'object' }) },
            '400': problem,
            ...transportErrors,
          },
        },
      },
    },
  };
}
