import type { ProjectionSnapshot } from '@quanzi/core';
import { describe, expect, it } from 'vitest';
import type { StoreFactory } from './storeFixtures';
import { thing } from './testEvents';

const snapshotOf = (parts: string[], position = 7): ProjectionSnapshot => ({
  scope: 'engine:xinhua',
  position,
  version: 'v1-abc',
  digest: `d-${parts.length}`,
  parts,
});

/** Projection snapshots (migration 7) and the lookup of idempotency keys by key alone. */
export function describeSnapshotSuite(label: string, stores: () => StoreFactory) {
  describe(`${label}: projection snapshots and key lookup`, () => {
    it('keeps the latest snapshot per scope, every part in order', async () => {
      const store = await stores().create();
      expect(await store.loadSnapshot?.('engine:xinhua')).toBeUndefined();
      const big = Array.from(
        { length: 5 },
        (_, i) => `{"part":${i},"text":"${'字'.repeat(i * 1000)}"}`,
      );
      await store.saveSnapshot?.(snapshotOf(big));
      expect(await store.loadSnapshot?.('engine:xinhua')).toEqual(snapshotOf(big));

      // A newer one with fewer parts replaces it whole; other scopes are untouched.
      await store.saveSnapshot?.({ ...snapshotOf(['a', 'b'], 12), scope: 'engine' });
      await store.saveSnapshot?.(snapshotOf(['x'], 9));
      expect(await store.loadSnapshot?.('engine:xinhua')).toEqual(snapshotOf(['x'], 9));
      expect(await store.loadSnapshot?.('engine')).toMatchObject({
        position: 12,
        parts: ['a', 'b'],
      });
    });

    it('refuses a bad snapshot and keeps the previous one', async () => {
      const store = await stores().create();
      await store.saveSnapshot?.(snapshotOf(['good']));
      const bad = [
        { ...snapshotOf(['x']), position: -1 },
        { ...snapshotOf(['x']), scope: '' },
        { ...snapshotOf(['x']), version: 'v'.repeat(301) },
        { ...snapshotOf(['x']), parts: [3] as unknown as string[] },
      ];
      for (const snapshot of bad)
        await expect(store.saveSnapshot?.(snapshot)).rejects.toMatchObject({
          code: 'invalid_input',
        });
      expect(await store.loadSnapshot?.('engine:xinhua')).toEqual(snapshotOf(['good']));
    });

    it('gives a snapshot that lost a part back as it is, for its digest to fail', async () => {
      const store = await stores().create();
      await store.saveSnapshot?.(snapshotOf(['p0', 'p1', 'p2']));
      await store.driver.query(`DELETE FROM ${store.tables.snapshots} WHERE part = 1`);
      // Taken for absent, it was never replaced: every start replayed the whole log.
      expect(await store.loadSnapshot?.('engine:xinhua')).toEqual({
        ...snapshotOf(['p0', 'p1', 'p2']),
        parts: ['p0', 'p2'],
      });
    });

    it('finds the events an idempotency key wrote, in log order, without its circle', async () => {
      const store = await stores().create();
      await store.append({
        circleId: 'xinhua',
        expectations: [],
        events: [thing('e1', 'task/t1'), thing('e2', 'task/t2')],
        idempotencyKey: 'cmd-1',
      });
      await store.append({
        circleId: 'dongcheng',
        expectations: [],
        events: [thing('e3', 'task/t3', 'dongcheng')],
        idempotencyKey: 'cmd-2',
      });
      expect((await store.eventsOfKey?.('cmd-1'))?.map((e) => e.id)).toEqual(['e1', 'e2']);
      expect((await store.eventsOfKey?.('cmd-2'))?.map((e) => [e.id, e.circleid])).toEqual([
        ['e3', 'dongcheng'],
      ]);
      expect(await store.eventsOfKey?.('never-used')).toEqual([]);
      // Exactly what the log holds for those events.
      expect(await store.eventsOfKey?.('cmd-1')).toEqual((await store.readAll()).slice(0, 2));
    });
  });
}
