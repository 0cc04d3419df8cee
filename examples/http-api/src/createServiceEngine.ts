import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Clock, EventStore, IdSource } from '@quanzi/core';
import { createEngine, type Engine } from '@quanzi/engine';
import { loadPolicy } from '@quanzi/rules/files';

/** Real time, for a running service. */
export const systemClock: Clock = { now: () => new Date().toISOString() };

/** Ids unique across every instance that shares a store. */
export const randomIds: IdSource = { next: (prefix = 'id') => `${prefix}-${randomUUID()}` };

/** An engine for the circle a policy file describes, over `store`. */
export async function createServiceEngine(options: {
  policyFile: string;
  store?: EventStore;
  clock?: Clock;
}): Promise<Engine> {
  const policy = loadPolicy(readFileSync(options.policyFile, 'utf8'), {
    source: options.policyFile,
  });
  const { id, name, model } = policy.document;
  return createEngine({
    circles: [{ id, name, model: model ?? 'extended' }],
    policy,
    clock: options.clock ?? systemClock,
    ids: randomIds,
    ...(options.store ? { store: options.store } : {}),
  });
}
