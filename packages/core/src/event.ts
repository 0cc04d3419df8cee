import * as z from 'zod/mini';
import { IdSchema, InstantSchema } from './circle';
import { plainText } from './plainText';

/**
 * Every state change is one event in an append-only log. The envelope is a
 * CloudEvents 1.0 structured event; Quanzi's own attributes are CloudEvents
 * extensions, so they are lower-case: `circleid`, `actor`, `streamsequence`,
 * `idempotencykey`. The per-stream count is deliberately not called `sequence`:
 * the CloudEvents Sequence extension defines that as a string ordered within a
 * `source`, and a per-subject number under that name would misorder a standard
 * consumer.
 */
export const EventEnvelopeSchema = z.strictObject({
  specversion: z.literal('1.0'),
  id: plainText({ min: 1, max: 200, wellFormed: true }),
  /** The producing context, e.g. `/quanzi/circles/xinhua`. */
  source: plainText({ min: 1, max: 500, wellFormed: true }),
  /** Reverse-DNS style, e.g. `quanzi.task.claimed`. */
  type: z.string().check(z.regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/), z.maxLength(200)),
  time: InstantSchema,
  /** The stream the event belongs to, e.g. `task/t1`. */
  subject: plainText({ min: 1, max: 300, wellFormed: true }),
  datacontenttype: z.literal('application/json'),
  data: z.unknown(),
  circleid: IdSchema,
  /** Who caused it: a participant id, or `system` for due timers. */
  actor: IdSchema,
  /** Position within the subject's stream, from 1 (a Quanzi extension, not CloudEvents' `sequence`). */
  streamsequence: z.number().check(z.int(), z.gte(1)),
  idempotencykey: z.optional(plainText({ min: 1, max: 200, wellFormed: true })),
});

/** A stored event envelope. */
export type EventEnvelope<TType extends string = string, TData = unknown> = Omit<
  z.infer<typeof EventEnvelopeSchema>,
  'type' | 'data'
> & { type: TType; data: TData };

/** An event before the store gives it its `streamsequence`. */
export type NewEvent<TType extends string = string, TData = unknown> = Omit<
  EventEnvelope<TType, TData>,
  'streamsequence'
>;

/**
 * An event as every store returns it (`append`, `readStream`, `readAll`): the
 * envelope plus its position in the store's global log. Published as
 * `docs/schemas/stored-event.json`, so a consumer of an export or a feed validates
 * exactly what the store emits.
 */
export const StoredEventSchema = z.extend(EventEnvelopeSchema, {
  /** Position in the store's global log, strictly increasing from 1. */
  position: z.number().check(z.int(), z.gte(1)),
});

/** An event as read back from a store: the envelope plus its global position. */
export type StoredEvent<TType extends string = string, TData = unknown> = EventEnvelope<
  TType,
  TData
> & {
  /** Position in the store's global log, strictly increasing from 1. */
  position: number;
};

/** What {@link createEvent} needs; the rest of the envelope is filled in. */
export interface CreateEventInput<TType extends string, TData> {
  id: string;
  type: TType;
  time: string;
  subject: string;
  circleId: string;
  actor: string;
  data: TData;
  idempotencyKey?: string;
}

/**
 * Builds a CloudEvents-shaped {@link NewEvent}.
 *
 * @example
 * createEvent({ id: ids.next(), type: 'quanzi.task.claimed', time: clock.now(),
 *   subject: 'task/t1', circleId: 'xinhua', actor: 'p7', data: { leaseUntil } });
 */
export function createEvent<TType extends string, TData>(
  input: CreateEventInput<TType, TData>,
): NewEvent<TType, TData> {
  const event: NewEvent<TType, TData> = {
    specversion: '1.0',
    id: input.id,
    source: `/quanzi/circles/${input.circleId}`,
    type: input.type,
    time: input.time,
    subject: input.subject,
    datacontenttype: 'application/json',
    data: input.data,
    circleid: input.circleId,
    actor: input.actor,
  };
  if (input.idempotencyKey !== undefined) event.idempotencykey = input.idempotencyKey;
  return event;
}
