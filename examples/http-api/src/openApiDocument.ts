import { CommandSchema } from '@quanzi/engine';
import { z } from 'zod';

const problem = {
  description: 'RFC 9457 problem details; `message` holds English and Chinese',
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

const viewerHeader = {
  name: 'X-Participant-Id',
  in: 'header',
  required: false,
  description:
    'Who is looking, as authenticated by the portal in front of this service; absent = the public',
  schema: { type: 'string' },
};
const idempotencyHeader = {
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  description: 'Client-made key: a retried command returns its first result',
  schema: { type: 'string', maxLength: 200 },
};
const json = (schema: object) => ({ content: { 'application/json': { schema } } });

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
    components: { schemas: { Command: command } },
    paths: {
      '/v1/commands': {
        post: {
          summary: 'Execute one command',
          parameters: [idempotencyHeader],
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/Command' }) },
          responses: {
            '200': {
              description: 'Applied (or replayed for a repeated key)',
              ...json({ type: 'object' }),
            },
            '400': problem,
            '403': problem,
            '404': problem,
            '409': problem,
            '422': problem,
          },
        },
      },
      '/v1/commands/batch': {
        post: {
          summary: 'Apply queued offline commands in order, one outcome each',
          requestBody: {
            required: true,
            ...json({ type: 'array', items: { $ref: '#/components/schemas/Command' } }),
          },
          responses: {
            '200': { description: 'One outcome per command', ...json({ type: 'array' }) },
            '400': problem,
          },
        },
      },
      '/v1/tasks': {
        get: {
          summary: 'Tasks the viewer may see',
          parameters: [viewerHeader],
          responses: { '200': json({ type: 'array' }) },
        },
      },
      '/v1/tasks/{taskId}': {
        get: {
          summary: 'One task as the viewer may see it',
          parameters: [
            viewerHeader,
            { name: 'taskId', in: 'path', required: true, schema: { type: 'string' } },
          ],
          responses: { '200': json({ type: 'object' }), '404': problem },
        },
      },
      '/v1/participants/{participantId}/nearby': {
        get: {
          summary: 'Tasks the participant may claim nearby, best first',
          parameters: [
            { name: 'participantId', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'lng', in: 'query', schema: { type: 'number' } },
            { name: 'lat', in: 'query', schema: { type: 'number' } },
          ],
          responses: { '200': json({ type: 'array' }), '400': problem },
        },
      },
      '/v1/participants/{participantId}/profile': {
        get: {
          summary: 'Tags, scores and level, as the viewer may see them',
          parameters: [
            viewerHeader,
            { name: 'participantId', in: 'path', required: true, schema: { type: 'string' } },
          ],
          responses: { '200': json({ type: 'object' }), '404': problem },
        },
      },
    },
  };
}
