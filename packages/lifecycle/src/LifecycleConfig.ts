import { CircleModelSchema, parseInput, ReviewModeSchema } from '@quanzi/core';
import * as z from 'zod';

const minutes = (max: number) => z.number().int().min(0).max(max);

/**
 * How a circle runs its lifecycles: the oversight model and the timings of leases,
 * warnings and the rating window. Every field has a default.
 */
export const LifecycleConfigSchema = z
  .strictObject({
    /** `basic`: only the command center and officers publish; `extended`: residents too. */
    model: CircleModelSchema.default('basic'),
    /** In the extended model: hold resident tasks for review, or let qualified solvers start. */
    review: ReviewModeSchema.default('pre_review'),
    /** May a publisher claim their own task. */
    allowSelfClaim: z.boolean().default(false),
    /** How long a claim holds before it lapses, in minutes. */
    leaseMinutes: minutes(60 * 24 * 30)
      .min(1)
      .default(240),
    /** How many times a holder may extend their lease. */
    maxLeaseExtensions: z.number().int().min(0).max(100).default(2),
    /** How long before expiry the `lease_expiring` warning is due, in minutes. */
    leaseWarningMinutes: minutes(60 * 24 * 30).default(30),
    /** How long after acceptance the command center may still rate and reward, in hours. */
    ratingWindowHours: z
      .number()
      .int()
      .min(0)
      .max(24 * 365)
      .default(72),
  })
  .refine((config) => config.leaseWarningMinutes < config.leaseMinutes, {
    path: ['leaseWarningMinutes'],
    message: 'The warning must come before the lease ends / 到期提醒必须早于租约结束',
  });

/** A validated lifecycle configuration. */
export type LifecycleConfig = z.infer<typeof LifecycleConfigSchema>;
/** A lifecycle configuration as written by a circle (defaults may be omitted). */
export type LifecycleConfigInput = z.input<typeof LifecycleConfigSchema>;

/**
 * Validates a circle's lifecycle configuration and fills in defaults; bad input
 * throws a `QuanziError` naming the field.
 *
 * @example
 * const config = createLifecycleConfig({ model: 'extended', review: 'post_review' });
 */
export function createLifecycleConfig(input: LifecycleConfigInput = {}): LifecycleConfig {
  return parseInput(LifecycleConfigSchema, input);
}
