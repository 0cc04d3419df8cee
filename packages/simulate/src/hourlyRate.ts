/** Daily and weekly weights of an arrival process or of agent activity. */
export interface Rhythm {
  readonly daily?: readonly number[] | undefined;
  readonly weekly?: readonly number[] | undefined;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/**
 * The expected count in one hour of a process with `perDay` events a day, shaped by
 * the rhythm: the hour's share of the daily weights times the weekday's weight
 * relative to the weekly mean (so a week still sums to `7 × perDay`).
 * `hour` counts from the scenario start, which falls on a Monday midnight.
 */
export function hourlyRate(perDay: number, rhythm: Rhythm, hour: number): number {
  const hourOfDay = hour % 24;
  const weekday = Math.floor(hour / 24) % 7;
  const daily = rhythm.daily;
  const dayTotal = daily ? sum(daily) : 24;
  const hourShare = daily ? (dayTotal > 0 ? (daily[hourOfDay] ?? 0) / dayTotal : 0) : 1 / 24;
  const weekly = rhythm.weekly;
  const weekMean = weekly ? sum(weekly) / 7 : 1;
  const dayFactor = weekly ? (weekMean > 0 ? (weekly[weekday] ?? 0) / weekMean : 0) : 1;
  return perDay * hourShare * dayFactor;
}

/** {@link hourlyRate} for each of the 168 hours of a week, Monday 00:00 first. */
export function weeklyRates(perDay: number, rhythm: Rhythm): Float64Array {
  return Float64Array.from({ length: 168 }, (_, hour) => hourlyRate(perDay, rhythm, hour));
}
