import { bilingualMessage, CircleModelSchema, parseInput, ReviewModeSchema } from '@quanzi/core';
import * as z from 'zod/mini';

const minutes = (max: number) => z.number().check(z.int(), z.gte(0), z.lte(max));

/**
 * How a circle runs its lifecycles: the oversight model and the timings of leases,
 * warnings and the rating window. Every field has a default.
 */
export const LifecycleConfigSchema = z
  .strictObject({
    /** `basic`: only the command center and officers publish; `extended`: residents too. */
    model: z._default(CircleModelSchema, 'basic'),
    /** In the extended model: hold resident tasks for review, or let qualified solvers start. */
    review: z._default(ReviewModeSchema, 'pre_review'),
    /** May a publisher claim their own task. */
    allowSelfClaim: z._default(z.boolean(), false),
    /** How long a claim holds before it lapses, in minutes. */
    leaseMinutes: z._default(minutes(60 * 24 * 30).check(z.gte(1)), 240),
    /** How many times a holder may extend their lease. */
    maxLeaseExtensions: z._default(z.number().check(z.int(), z.gte(0), z.lte(100)), 2),
    /** How long before expiry the `lease_expiring` warning is due, in minutes. */
    leaseWarningMinutes: z._default(minutes(60 * 24 * 30), 30),
    /** How long after acceptance the command center may still rate and reward, in hours. */
    ratingWindowHours: z._default(z.number().check(z.int(), z.gte(0), z.lte(24 * 365)), 72),
  })
  .check(
    z.refine((config) => config.leaseWarningMinutes < config.leaseMinutes, {
      path: ['leaseWarningMinutes'],
      message: bilingualMessage({
        en: 'The warning must come before the lease ends',
        'zh-CN': '到期提醒必须早于租约结束',
      }),
    }),
  );

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
