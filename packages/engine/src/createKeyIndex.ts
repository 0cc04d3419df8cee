import type { StoredEvent } from '@quanzi/core';

/** Which events each idempotency key wrote, so a retried command returns its first outcome. */
export interface KeyIndex {
  /** Notes an event under its idempotency key (events without one are ignored). */
  add(event: StoredEvent): void;
  /** The events `key` wrote, in log order, or `undefined` for an unused key. */
  eventsOf(key: string): ReadonlyArray<StoredEvent> | undefined;
}

/** Creates an empty key index. */
export function createKeyIndex(): KeyIndex {
  const keys = new Map<string, StoredEvent[]>();
  return {
    add(event) {
      const key = event.idempotencykey;
      if (key === undefined) return;
      const events = keys.get(key);
      if (events) events.push(event);
      else keys.set(key, [event]);
    },
    eventsOf: (key) => keys.get(key),
  };
}
