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
  // A Map iterates in insertion order: its first key is the oldest one.
  const keys = new Map<string, StoredEvent[]>();
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
      if (keys.size <= limit) return;
      keys.delete(keys.keys().next().value as string);
      forgot = true;
    },
    eventsOf: (key) => keys.get(key),
    get forgot() {
      return forgot;
    },
  };
}
