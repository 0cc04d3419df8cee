import { type Clock, IdSchema, type IdSource, LocalizedTextSchema, parseInput } from '@quanzi/core';
import * as z from 'zod';
import { expectState } from './expectState';
import type { Round } from './round';

/**
 * Stops taking feedback on the consultation. Closing early moves `closesAt` to
 * now, so later feedback falls outside the window.
 */
export function closeRound(round: Round, clock: Clock): Round {
  expectState(round, ['open'], 'close');
  const now = clock.now();
  const closesAt = Date.parse(now) < Date.parse(round.closesAt) ? now : round.closesAt;
  return { ...round, state: 'closed', closesAt };
}

/** What the center decides: an option (or `null` for none), why, and how long to hear reactions. */
export const DecisionInputSchema = z.strictObject({
  optionId: z.nullable(IdSchema),
  rationale: LocalizedTextSchema,
  feedbackHours: z
    .number()
    .positive()
    .max(24 * 90)
    .default(72),
});

/** Decision input as accepted. */
export type DecisionInput = z.input<typeof DecisionInputSchema>;

/**
 * Records the center's decision and its rationale on a closed round. The
 * option must be one of the round's.
 *
 * @example
 * recordDecision(closed, { optionId: 'a', rationale: { en: '…', 'zh-CN': '…' } }, { clock, ids });
 */
export function recordDecision(
  round: Round,
  input: DecisionInput,
  ports: { readonly clock: Clock; readonly ids: IdSource },
): Round {
  expectState(round, ['closed'], 'decide');
  const optionIds = round.options.map((o) => o.id);
  const schema = DecisionInputSchema.refine(
    (value) => value.optionId === null || optionIds.includes(value.optionId),
    {
      path: ['optionId'],
      message: `Not an option of this round / 不是本轮的选项 (${optionIds.join(', ')})`,
    },
  );
  const value = parseInput(schema, input, { path: ['decision'] });
  const decision = { id: ports.ids.next('decision'), ...value, decidedAt: ports.clock.now() };
  return { ...round, state: 'decided', decision };
}
