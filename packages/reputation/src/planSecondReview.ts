import { hash53, IdSchema, parseInput } from '@quanzi/core';
import * as z from 'zod/mini';
import type { ReputationConfig } from './ReputationConfigSchema';

/** What {@link planSecondReview} needs: the accepted task, who accepted it, who else may review. */
export const SecondReviewInputSchema = z.strictObject({
  taskId: IdSchema,
  firstReviewerId: IdSchema,
  reviewerIds: z.array(IdSchema).check(z.maxLength(10_000)),
});

/** Input of {@link planSecondReview}. */
export type SecondReviewInput = z.input<typeof SecondReviewInputSchema>;

/** `quanzi.review.sampled` data when the task is sampled, else null. */
export type SecondReviewPlan = {
  taskId: string;
  firstReviewerId: string;
  secondReviewerId: string;
} | null;

const twoPow53 = 2 ** 53;

/**
 * Decides whether accepted work goes to a second reviewer and to whom. The choice is a
 * salted hash of the task id, so about `secondReview.share` of tasks are sampled,
 * the same task always gets the same answer, and a replay reproduces it.
 *
 * @example
 * const plan = planSecondReview({ taskId: 't1', firstReviewerId: 'v1', reviewerIds }, config);
 * if (plan) append({ type: 'quanzi.review.sampled', data: plan });
 */
export function planSecondReview(
  input: SecondReviewInput,
  config: ReputationConfig,
): SecondReviewPlan {
  const { taskId, firstReviewerId, reviewerIds } = parseInput(SecondReviewInputSchema, input);
  const { share, salt } = config.secondReview;
  if (hash53(`${salt}\u0000${taskId}`) / twoPow53 >= share) return null;
  const others = [...new Set(reviewerIds)].filter((id) => id !== firstReviewerId).sort();
  if (others.length === 0) return null;
  const pick = hash53(`${salt}\u0000${taskId}\u0000reviewer`) % others.length;
  return { taskId, firstReviewerId, secondReviewerId: others[pick] as string };
}
