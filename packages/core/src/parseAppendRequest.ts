import * as z from 'zod/mini';
import { IdSchema } from './circle';
import { domainEventSchemas } from './domainEvents';
import type { AppendOptions, AppendRequest } from './EventStore';
import { EventEnvelopeSchema, type NewEvent } from './event';
import { parseInput } from './parseInput';
import { plainText } from './plainText';
import { QuanziError } from './QuanziError';
import { parseStreamId } from './streamId';

const StreamIdSchema = plainText({ min: 1, max: 300, wellFormed: true });

const AppendRequestSchema = z.strictObject({
  circleId: IdSchema,
  expectations: z
    .array(
      z.strictObject({
        streamId: StreamIdSchema,
        // Stream versions are PostgreSQL integers.
        expectedVersion: z.number().check(z.int(), z.gte(0), z.lte(2 ** 31 - 1)),
      }),
    )
    .check(z.maxLength(1000)),
  events: z
    .array(z.omit(EventEnvelopeSchema, { streamsequence: true }))
    .check(z.minLength(1), z.maxLength(10_000)),
  idempotencyKey: z.optional(plainText({ min: 1, max: 200, wellFormed: true })),
  requestHash: z.optional(plainText({ min: 1, max: 500, wellFormed: true })),
});

const knownTypes = domainEventSchemas as Record<string, z.core.$ZodType | undefined>;

function invalid(path: Array<string | number>, en: string, zh: string): QuanziError {
  return new QuanziError({ code: 'invalid_input', path, message: { en, 'zh-CN': zh } });
}

/**
 * Checks an append request as every store does, before it touches anything: the
 * envelope shape, each domain event's data against the catalogue, a task event on its
 * own task's stream, every event in the request's circle, and at most one expectation
 * per stream. With `validated` (see {@link AppendOptions}) the shapes and data are
 * taken as the caller's own and only the last two are checked. Throws
 * `QuanziError('invalid_input')` naming the field.
 *
 * @example
 * parseAppendRequest({ circleId: 'xinhua', expectations: [], events: [] }); // throws: `events` is empty
 */
export function parseAppendRequest(input: AppendRequest, validated = false): AppendRequest {
  const request = validated ? input : parseInput(AppendRequestSchema, input);
  request.events.forEach((event, i) => {
    if (event.circleid !== request.circleId)
      throw invalid(
        ['events', i, 'circleid'],
        `Event belongs to circle "${event.circleid}", not "${request.circleId}"`,
        `事件属于圈子 "${event.circleid}"，而非 "${request.circleId}"`,
      );
    const schema = validated ? undefined : knownTypes[event.type];
    if (!schema) return;
    parseInput(schema, event.data, { path: ['events', i, 'data'] });
    // The task view finds a task by the event's data, an engine by its stream: the two
    // must name the same task, or the view and every engine on the log part ways.
    const stream = parseStreamId(event.subject);
    const data = event.data as { taskId?: unknown; task?: { id?: unknown } };
    const taskId = event.type === 'quanzi.task.created' ? data.task?.id : data.taskId;
    if (stream?.kind === 'task' && typeof taskId === 'string' && taskId !== stream.id)
      throw invalid(
        ['events', i, 'subject'],
        `Event is about task "${taskId}" but is on stream "${event.subject}"`,
        `事件关于任务 "${taskId}"，却位于流 "${event.subject}"`,
      );
  });
  const seen = new Set<string>();
  request.expectations.forEach((expectation, i) => {
    if (seen.has(expectation.streamId))
      throw invalid(
        ['expectations', i, 'streamId'],
        `Stream "${expectation.streamId}" has two expectations`,
        `流 "${expectation.streamId}" 有两个版本期望`,
      );
    seen.add(expectation.streamId);
  });
  return request as AppendRequest & { events: NewEvent[] };
}
