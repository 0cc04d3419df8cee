import { createEvent, createManualClock, type NewEvent } from '@quanzi/core';
import { auditPublicKey, createAuditCheckpoint } from '@quanzi/core/audit';
import { createPostgresEventStore } from '@quanzi/store-postgres';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, type MemoryEventStore } from '../src/index';

const privateKey = '1f'.repeat(32);
const publicKey = await auditPublicKey(privateKey);
const clock = createManualClock('2026-12-05T09:00:00Z');

type Batch = { circle: string; stream: number; size: number; data: string };
const batches = fc.array(
  fc.record({
    circle: fc.constantFrom('xinhua', 'Dongcheng', 'x-b', 'xa'),
    stream: fc.nat(3),
    size: fc.integer({ min: 1, max: 3 }),
    data: fc.string({ maxLength: 12 }),
  }),
  { minLength: 1, maxLength: 12 },
);

let count = 0;
function eventsOf(batch: Batch): NewEvent[] {
  return Array.from({ length: batch.size }, () => {
    count += 1;
    return createEvent({
      id: `e${count}`,
      type: 'test.thing.happened',
      time: '2026-12-05T08:00:00Z',
      subject: `s/${batch.circle}/${batch.stream}`,
      circleId: batch.circle,
      actor: 'p1',
      data: { text: batch.data },
    });
  });
}

async function fill(store: MemoryEventStore, list: Batch[]) {
  for (const batch of list)
    await store.append({ circleId: batch.circle, expectations: [], events: eventsOf(batch) });
}

describe('audit chain of the memory store', () => {
  it('has the same heads as PGlite for the same events, so checkpoints move between them', async () => {
    const pglite = await createPostgresEventStore();
    try {
      await fc.assert(
        fc.asyncProperty(batches, async (list) => {
          const memory = createMemoryEventStore();
          // Emptied with RESTART IDENTITY, so positions count from 1 as in a new memory store.
          await pglite.driver.exec(
            'TRUNCATE quanzi.events, quanzi.audit_log, quanzi.audit_heads, quanzi.streams RESTART IDENTITY',
          );
          for (const batch of list) {
            const request = { circleId: batch.circle, expectations: [], events: eventsOf(batch) };
            await memory.append(request);
            await pglite.append(request);
          }
          expect(await memory.auditHeads()).toEqual(await pglite.auditHeads());
          const checkpoint = await createAuditCheckpoint(memory, { privateKey, clock });
          expect(await pglite.verifyAudit({ checkpoint, publicKey })).toMatchObject({ ok: true });
          expect(await memory.verifyAudit({ checkpoint, publicKey })).toEqual({
            ok: true,
            circles: new Set(list.map((b) => b.circle)).size,
            entries: list.reduce((sum, b) => sum + b.size, 0),
            checkpoint: true,
          });
        }),
        { numRuns: 15, seed: 15 },
      );
    } finally {
      await pglite.close();
    }
  });

  it('verifies without a checkpoint and keeps verifying as the log grows', async () => {
    const store = createMemoryEventStore();
    expect(await store.verifyAudit()).toEqual({
      ok: true,
      circles: 0,
      entries: 0,
      checkpoint: false,
    });
    await fill(store, [{ circle: 'xinhua', stream: 1, size: 3, data: 'a' }]);
    const checkpoint = await createAuditCheckpoint(store, { privateKey, clock });
    await fill(store, [{ circle: 'xinhua', stream: 2, size: 2, data: 'b' }]);
    expect(await store.verifyAudit({ checkpoint, publicKey })).toMatchObject({
      ok: true,
      entries: 5,
    });
    expect((await store.auditHeads('xinhua'))[0]?.seq).toBe(5);
    await expect(store.auditHeads('bad id!')).rejects.toMatchObject({
      code: 'invalid_input',
      path: ['circleId'],
    });
    await expect(store.verifyAudit({ checkpoint })).rejects.toMatchObject({
      code: 'invalid_input',
      path: ['publicKey'],
    });
  });

  it('tells a shorter or a different history from the one a checkpoint saw', async () => {
    const story: Batch[] = [
      { circle: 'xinhua', stream: 1, size: 2, data: 'a' },
      { circle: 'dongcheng', stream: 1, size: 1, data: 'b' },
      { circle: 'xinhua', stream: 2, size: 2, data: 'c' },
    ];
    const original = createMemoryEventStore();
    count = 0;
    await fill(original, story);
    const checkpoint = await createAuditCheckpoint(original, { privateKey, clock });
    // A log restored from a backup that lacks the last append.
    const restored = createMemoryEventStore();
    count = 0;
    await fill(restored, story.slice(0, 2));
    expect(await restored.verifyAudit({ checkpoint, publicKey })).toEqual({
      ok: false,
      circleId: 'xinhua',
      seq: 3,
      reason: 'truncated',
    });
    // The same number of events with one word changed.
    const rewritten = createMemoryEventStore();
    count = 0;
    await fill(rewritten, [...story.slice(0, 2), { ...story[2], data: 'C' } as Batch]);
    expect(await rewritten.verifyAudit()).toMatchObject({ ok: true });
    expect(await rewritten.verifyAudit({ checkpoint, publicKey })).toMatchObject({
      ok: false,
      circleId: 'xinhua',
      seq: 4,
      reason: 'checkpoint_mismatch',
    });
  });
});
