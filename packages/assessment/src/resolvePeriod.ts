import { bilingualMessage, InstantSchema, parseInput, toEpoch } from '@quanzi/core';
import { DateTime, IANAZone } from 'luxon';
import * as z from 'zod/mini';

const TimezoneSchema = z.string().check(
  z.maxLength(64),
  z.refine((zone) => IANAZone.isValidZone(zone), {
    message: bilingualMessage({ en: 'Unknown IANA time zone', 'zh-CN': '未知的 IANA 时区' }),
  }),
);

/**
 * Which stretch of time an assessment covers. Calendar periods (`week` from Monday,
 * `month`, `quarter`) are cut in `timezone` — pass the circle's own (`circle.timezone`,
 * e.g. `Asia/Shanghai`) so a week ends at local midnight; it defaults to `UTC`.
 * A `custom` period is the half-open range `[from, to)` of UTC instants.
 *
 * @example
 * resolvePeriod({ kind: 'month', containing: '2026-11-15', timezone: 'Asia/Shanghai' });
 */
export const PeriodSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.enum(['week', 'month', 'quarter']),
    /** Any day (`2026-11-15`) or instant inside the wanted period. */
    containing: z.union([z.iso.date(), InstantSchema]),
    timezone: z._default(TimezoneSchema, 'UTC'),
  }),
  z.strictObject({ kind: z.literal('custom'), from: InstantSchema, to: InstantSchema }).check(
    z.refine((spec) => toEpoch(spec.from) < toEpoch(spec.to), {
      message: '`from` must be before `to` / 开始时间必须早于结束时间',
      path: ['to'],
    }),
  ),
]);

/** A period as accepted on input. */
export type PeriodSpec = z.input<typeof PeriodSpecSchema>;

/** A resolved period: the half-open UTC range `[from, to)` and a readable label. */
export interface Period {
  readonly kind: 'week' | 'month' | 'quarter' | 'custom';
  /** First instant inside the period (UTC ISO). */
  readonly from: string;
  /** First instant after the period (UTC ISO). */
  readonly to: string;
  readonly timezone: string;
  /** `2026-W48`, `2026-11`, `2026-Q4`, or `from/to` for a custom period. */
  readonly label: string;
}

type Unit = 'week' | 'month' | 'quarter';

const labelFormats: Record<Unit, (start: DateTime) => string> = {
  week: (start) => `${start.weekYear}-W${String(start.weekNumber).padStart(2, '0')}`,
  month: (start) => start.toFormat('yyyy-MM'),
  quarter: (start) => `${start.year}-Q${start.quarter}`,
};

const utc = (time: DateTime) => time.toUTC().toISO({ suppressMilliseconds: true }) as string;

function calendarPeriod(kind: Unit, start: DateTime, timezone: string): Period {
  return {
    kind,
    from: utc(start),
    to: utc(start.plus({ [`${kind}s`]: 1 })),
    timezone,
    label: labelFormats[kind](start),
  };
}

/**
 * Resolves a {@link PeriodSpec} to exact UTC bounds; invalid input throws a
 * `QuanziError('invalid_input')` naming the field.
 *
 * @example
 * resolvePeriod({ kind: 'week', containing: '2026-11-29', timezone: 'Asia/Shanghai' });
 * // { from: '2026-11-22T16:00:00Z', to: '2026-11-29T16:00:00Z', label: '2026-W48', … }
 */
export function resolvePeriod(spec: PeriodSpec | Period): Period {
  if ('label' in spec) return spec;
  const parsed = parseInput(PeriodSpecSchema, spec, { path: ['period'] });
  if (parsed.kind === 'custom') {
    const from = utc(DateTime.fromISO(parsed.from, { zone: 'UTC' }));
    const to = utc(DateTime.fromISO(parsed.to, { zone: 'UTC' }));
    return { kind: 'custom', from, to, timezone: 'UTC', label: `${from}/${to}` };
  }
  const inside = DateTime.fromISO(parsed.containing, { zone: parsed.timezone });
  return calendarPeriod(parsed.kind, inside.startOf(parsed.kind), parsed.timezone);
}

/**
 * Cuts a period into consecutive calendar buckets (weeks, months or quarters in the
 * period's time zone), the first and last clipped to the period's bounds.
 */
export function splitPeriod(period: Period, unit: Unit): Period[] {
  const end = DateTime.fromISO(period.to, { zone: period.timezone });
  const buckets: Period[] = [];
  let start = DateTime.fromISO(period.from, { zone: period.timezone }).startOf(unit);
  while (start < end) {
    const bucket = calendarPeriod(unit, start, period.timezone);
    buckets.push({
      ...bucket,
      from: toEpoch(bucket.from) < toEpoch(period.from) ? period.from : bucket.from,
      to: toEpoch(bucket.to) > toEpoch(period.to) ? period.to : bucket.to,
    });
    start = start.plus({ [`${unit}s`]: 1 });
  }
  return buckets;
}

// Periods are immutable, so their parsed bounds can be remembered per object.
const bounds = new WeakMap<Period, readonly [number, number]>();

/** True when `time` (a UTC ISO instant or epoch ms) lies in `[period.from, period.to)`. */
export function inPeriod(time: string | number, period: Period): boolean {
  let range = bounds.get(period);
  if (!range) {
    range = [toEpoch(period.from), toEpoch(period.to)];
    bounds.set(period, range);
  }
  const t = typeof time === 'number' ? time : toEpoch(time);
  return t >= range[0] && t < range[1];
}
