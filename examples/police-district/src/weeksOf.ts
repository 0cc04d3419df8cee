import type { ActivityBucket } from '@quanzi/assessment';
import type { Locale } from '@quanzi/core';
import { formatPeriod } from './formatDate';

/** One week of activity as the report charts it. */
export interface Week {
  /** The week's days in the report's language, e.g. `2 Nov – 8 Nov`. */
  readonly label: string;
  readonly from: string;
  /** Days of the week inside the period: 7, or fewer at either end. */
  readonly days: number;
  /** Fewer than 7 days: its counts are not comparable with whole weeks. */
  readonly partial: boolean;
  readonly active: number;
}

const day = 86_400_000;

/**
 * The weekly activity buckets with their length, so a chart can tell a week cut by
 * the period's start or end from a quiet week instead of drawing it as a dip.
 */
export function weeksOf(buckets: readonly ActivityBucket[], lang: Locale): Week[] {
  return buckets.map((bucket) => {
    const days = Math.round(((Date.parse(bucket.to) - Date.parse(bucket.from)) / day) * 10) / 10;
    return {
      label: formatPeriod(bucket.from, bucket.to, lang, false),
      from: bucket.from,
      days,
      partial: days < 7,
      active: bucket.active,
    };
  });
}
