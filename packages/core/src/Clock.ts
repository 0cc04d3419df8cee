/**
 * Where time comes from. Domain code never reads the system clock; the host
 * passes one in, and tests and simulations pass a manual one.
 */
export interface Clock {
  /** The current instant as an ISO 8601 UTC string. */
  now(): string;
}

/** A {@link Clock} that moves only when told to. */
export interface ManualClock extends Clock {
  /** Sets the current instant. */
  set(instant: string | number): void;
  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void;
}

/**
 * A clock for tests, simulations and replays.
 *
 * @example
 * const clock = createManualClock('2026-11-29T08:00:00Z');
 * clock.advance(60_000);
 * clock.now(); // '2026-11-29T08:01:00.000Z'
 */
export function createManualClock(start: string | number): ManualClock {
  let current = new Date(start).getTime();
  if (!Number.isFinite(current)) throw new RangeError(`Invalid start instant: ${String(start)}`);
  // A simulation reads the same instant many times between moves: its text is made once.
  let text: string | undefined;
  return {
    now: () => {
      text ??= new Date(current).toISOString();
      return text;
    },
    set(instant) {
      current = new Date(instant).getTime();
      text = undefined;
    },
    advance(ms) {
      current += ms;
      text = undefined;
    },
  };
}
