import { type EventStore, type ProjectionSnapshot, parseInput, QuanziError } from '@quanzi/core';
import * as z from 'zod/mini';
import type { EngineStateSeed } from './createEngineState';
import { type DecodedSnapshot, decodeSnapshot, digestOf, encodeSnapshot } from './engineSnapshot';

/** When an engine writes snapshots of its projections; see {@link EngineOptions.snapshots}. */
export interface SnapshotOptions {
  /**
   * Write a snapshot once this many events arrived since the last one (checked after
   * each command and refresh); only on `engine.snapshot()` when omitted.
   */
  readonly every?: number;
}

/** What a look for a usable snapshot found. */
export interface LoadedSnapshot {
  /** The snapshot to start from, if the store held a usable one. */
  readonly snapshot?: DecodedSnapshot;
  /**
   * The store held one, but of another configuration or code version, or damaged. One
   * whose records are usable and whose reputation options differ comes with `snapshot`,
   * its `reputation` left out.
   */
  readonly rejected: boolean;
}

/** Reads and writes one engine's snapshots in its store, checking each before it is used. */
export interface SnapshotKeeper {
  load(): Promise<LoadedSnapshot>;
  save(seed: EngineStateSeed, reputation: string): Promise<void>;
}

function unsupported(): QuanziError {
  return new QuanziError({
    code: 'unsupported',
    message: {
      en: 'This store cannot keep snapshots (it has no saveSnapshot/loadSnapshot)',
      'zh-CN': '该存储无法保存快照（缺少 saveSnapshot/loadSnapshot）',
    },
  });
}

const SnapshotOptionsSchema = z.strictObject({
  every: z.optional(z.number().check(z.int(), z.gte(1))),
});

/** Checks `snapshots` as given to `createEngine`; bad input throws `invalid_input` naming the field. */
export function parseSnapshotOptions(input: unknown): SnapshotOptions | undefined {
  return input === undefined
    ? undefined
    : (parseInput(SnapshotOptionsSchema, input, { path: ['snapshots'] }) as SnapshotOptions);
}

/** The parts of `stored`, copied, if its records are of `records`' version and its digest matches them. */
function checkedParts(stored: ProjectionSnapshot | undefined, records: string) {
  if (stored === undefined) return 'absent';
  if (!stored.version.startsWith(records) || stored.digest !== digestOf(stored.parts))
    return 'rejected';
  return { position: stored.position, parts: [...stored.parts], version: stored.version };
}

/**
 * A keeper for the snapshots of `scope` in `store`, written under the `records` and
 * `reputation` versions. A snapshot of other records' version, with a digest its parts
 * do not match, or that does not decode is rejected, never trusted: the engine then
 * replays the whole log. One of another reputation version keeps its records.
 */
export function createSnapshotKeeper(
  store: EventStore,
  scope: string,
  records: string,
  reputation: string,
): SnapshotKeeper {
  const version = `${records}/${reputation}`;
  return {
    async load() {
      // Only our own copy of the list stays: decoding empties it part by part.
      const checked = checkedParts(await store.loadSnapshot?.(scope), `${records}/`);
      if (checked === 'absent') return { rejected: false };
      if (checked === 'rejected') return { rejected: true };
      const { position, parts } = checked;
      try {
        const snapshot = decodeSnapshot(parts);
        if (snapshot.seed.position !== position) return { rejected: true };
        if (checked.version !== version)
          return { snapshot: { seed: snapshot.seed }, rejected: true };
        return { snapshot, rejected: false };
      } catch {
        // Whatever does not decode is as good as absent: the log is the truth.
        return { rejected: true };
      }
    },
    async save(seed, reputation) {
      if (!store.saveSnapshot) throw unsupported();
      const parts = encodeSnapshot(seed, reputation);
      await store.saveSnapshot({
        scope,
        position: seed.position,
        version,
        digest: digestOf(parts),
        parts,
      });
    },
  };
}
