import type { SubscriptionCheckpoints } from '@quanzi/core';

/** Subscription checkpoints in memory: for tests and single-process hosts that replay on start. */
export function createMemoryCheckpoints(): SubscriptionCheckpoints {
  const saved = new Map<string, number>();
  return {
    load: async (subscription) => saved.get(subscription) ?? 0,
    async save(subscription, position) {
      if (position > (saved.get(subscription) ?? 0)) saved.set(subscription, position);
    },
  };
}
