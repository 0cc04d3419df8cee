import type { StoredEvent } from '@quanzi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKeyIndex } from '../src/createKeyIndex';

const eventOf = (key: string | undefined, position: number) =>
  ({
    id: `e${position}`,
    position,
    ...(key === undefined ? {} : { idempotencykey: key }),
  }) as StoredEvent;

describe('createKeyIndex', () => {
  it('remembers the events of the latest `limit` keys, in log order, and forgets the rest (property)', () => {
    const keyName = fc.option(
      fc.integer({ min: 0, max: 40 }).map((n) => `k${n}`),
      {
        nil: undefined,
        freq: 8,
      },
    );
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
        fc.array(keyName, { maxLength: 200 }),
        (limit, keys) => {
          const index = createKeyIndex(limit);
          // The model: keys in the order they first came, each with its events.
          const model = new Map<string, StoredEvent[]>();
          let dropped = false;
          keys.forEach((key, i) => {
            const event = eventOf(key, i + 1);
            index.add(event);
            if (key === undefined) return;
            const known = model.get(key);
            if (known) known.push(event);
            else {
              model.set(key, [event]);
              if (limit !== undefined && model.size > limit) {
                model.delete(model.keys().next().value as string);
                dropped = true;
              }
            }
          });
          for (let n = 0; n <= 40; n += 1)
            expect(index.eventsOf(`k${n}`)).toEqual(model.get(`k${n}`));
          expect(index.forgot).toBe(dropped);
        },
      ),
      { numRuns: 500, seed: 2026 },
    );
  });
});
