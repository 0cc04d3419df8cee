import type { StoredEvent } from '@quanzi/core';

/** Which events each idempotency key wrote, so a retried command returns its first outcome. */
export interface KeyIndex {
  /** Notes an event under its idempotency key (events without one are ignored). */
  add(event: StoredEvent): void;
  /** The events `key` wrote, in log order, or `undefined` for an unused (or forgotten) key. */
  eventsOf(key: string): ReadonlyArray<StoredEvent> | undefined;
  /** Whether a key was ever dropped to keep within the limit. */
  readonly forgot: boolean;
}

/**
 * Creates an empty key index that remembers the latest `limit` keys (every key when
 * omitted): a retry comes soon after its first attempt, and older keys are looked up
 * in the store, so memory stays bounded however long the log grows.
 */
export function createKeyIndex(limit = Number.POSITIVE_INFINITY): KeyIndex {
  const keys = new Map<string, StoredEvent[]>();
  // The kept keys in the order they came, as a ring: the next to go is at `oldest`.
  // (A Map's first key is its oldest too, but reaching it walks past every key deleted
  // since the Map last compacted itself: thousands per command at a 10,000-key limit.)
  const order: string[] = [];
  let oldest = 0;
  let forgot = false;
  return {
    add(event) {
      const key = event.idempotencykey;
      if (key === undefined) return;
      const events = keys.get(key);
      if (events) {
        events.push(event);
        return;
      }
      keys.set(key, [event]);
      if (limit === Number.POSITIVE_INFINITY) return;
      if (order.length < limit) {
        order.push(key);
        return;
      }
      keys.delete(order[oldest] as string);
      order[oldest] = key;
      oldest = (oldest + 1) % limit;
      forgot = true;
    },
    eventsOf: (key) => keys.get(key),
    get forgot() {
      return forgot;
    },
  };
}
