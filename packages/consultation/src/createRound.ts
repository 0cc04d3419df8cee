import {
  bilingualMessage,
  type Clock,
  IdSchema,
  type IdSource,
  InstantSchema,
  parseInput,
  QuanziError,
} from '@quanzi/core';
import * as z from 'zod';
import { expectState } from './expectState';
import { ChannelIdSchema, ConsultationItemSchema, OptionSchema, type Round } from './round';

const unique =
  <T>(key: (value: T) => string) =>
  (values: readonly T[]) =>
    new Set(values.map(key)).size === values.length;

/** What the command center supplies to open a round (step 1 of the route). */
export const RoundInputSchema = z.strictObject({
  circleId: IdSchema,
  item: ConsultationItemSchema,
  options: z
    .array(OptionSchema)
    .min(1)
    .max(20)
    .refine(
      unique((o: { id: string }) => o.id),
      bilingualMessage({ en: 'Option ids must differ', 'zh-CN': '选项 id 不能重复' }),
    ),
  channels: z
    .array(ChannelIdSchema)
    .min(1)
    .max(20)
    .refine(
      unique((c: string) => c),
      bilingualMessage({ en: 'Channels must differ', 'zh-CN': '渠道不能重复' }),
    ),
  closesAt: InstantSchema,
});

/** Round input as accepted. */
export type RoundInput = z.input<typeof RoundInputSchema>;

/** The ports a round needs. */
export interface RoundPorts {
  readonly clock: Clock;
  readonly ids: IdSource;
}

/** What the next round may change; anything left out is taken from the previous one. */
export const NextRoundInputSchema = RoundInputSchema.omit({ circleId: true }).partial({
  options: true,
  channels: true,
});

/** Next-round input as accepted. */
export type NextRoundInput = z.input<typeof NextRoundInputSchema>;

function build(
  value: z.output<typeof RoundInputSchema>,
  ports: RoundPorts,
  previous?: Round,
): Round {
  const now = ports.clock.now();
  if (Date.parse(value.closesAt) <= Date.parse(now))
    throw new QuanziError({
      code: 'invalid_input',
      path: ['closesAt'],
      message: { en: 'closesAt must be in the future', 'zh-CN': 'closesAt 必须晚于当前时间' },
    });
  return {
    ...value,
    id: ports.ids.next('round'),
    number: previous ? previous.number + 1 : 1,
    ...(previous ? { previousRoundId: previous.id } : {}),
    state: 'draft',
    createdAt: now,
    publications: [],
  };
}

/**
 * Creates a draft round: the item, its options and the channels it will go to.
 *
 * @example
 * const round = createRound({ circleId: 'xinhua', item, options, channels: ['weibo', 'sms'],
 *   closesAt: '2026-12-06T00:00:00Z' }, { clock, ids });
 */
export function createRound(input: RoundInput, ports: RoundPorts): Round {
  return build(parseInput(RoundInputSchema, input), ports);
}

/**
 * Starts the round that follows a decided one (step 5 of the route), linked to
 * it by `previousRoundId`; options and channels carry over unless replaced.
 */
export function startNextRound(previous: Round, input: NextRoundInput, ports: RoundPorts): Round {
  expectState(previous, ['decided', 'decision_published'], 'follow');
  const value = parseInput(NextRoundInputSchema, input);
  const full = parseInput(RoundInputSchema, {
    circleId: previous.circleId,
    options: previous.options,
    channels: previous.channels,
    ...value,
  });
  return build(full, ports, previous);
}
