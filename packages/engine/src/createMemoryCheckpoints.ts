import { parseCheckpoint, type SubscriptionCheckpoints } from '@quanzi/core';

/**
 * Subscription checkpoints in memory: for tests and single-process hosts that replay on
 * start. Names and positions are checked as the SQL checkpoints check them.
 */
export function createMemoryCheckpoints(): SubscriptionCheckpoints {
  const saved = new Map<string, number>();
  return {
    load: async (subscription) => saved.get(parseCheckpoint(subscription).name) ?? 0,
    async save(subscription, at) {
      const { name, position } = parseCheckpoint(subscription, at);
      if (position > (saved.get(name) ?? 0)) saved.set(name, position);
    },
  };
}
