import { type EventStore, parseInput, QuanziError } from '@quanzi/core';
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

/** The versions a snapshot is written under and checked against. */
export interface SnapshotVersions {
  /** Of what every record depends on: the circle ids, `serves` and the code's version. */
  readonly records: string;
  /** Of the lifecycle terms, which shape only records whose events recorded none. */
  readonly terms: string;
  /** Of the reputation options. */
  readonly reputation: string;
}

/**
 * A keeper for the snapshots of `scope` in `store`. A snapshot's records are usable
 * when it was written under the same records version and, if some record took its
 * circle's terms ({@link EngineStateSeed.defaultedTerms}), the same terms version.
 * One that is not, with a digest its parts do not match, or that does not decode is
 * rejected, never trusted: the engine then replays the whole log. One of another
 * reputation version keeps its records.
 */
export function createSnapshotKeeper(
  store: EventStore,
  scope: string,
  versions: SnapshotVersions,
): SnapshotKeeper {
  const recordsOf = (defaultedTerms: boolean | undefined) =>
    defaultedTerms ? `${versions.records}+${versions.terms}` : versions.records;
  return {
    async load() {
      const stored = await store.loadSnapshot?.(scope);
      if (stored === undefined) return { rejected: false };
      const [records, reputation] = stored.version.split('/');
      const defaultedTerms = records === recordsOf(true);
      if (
        (records !== recordsOf(false) && !defaultedTerms) ||
        stored.digest !== digestOf(stored.parts)
      )
        return { rejected: true };
      try {
        // A copy of the list: decoding empties it part by part.
        const snapshot = decodeSnapshot([...stored.parts]);
        if (snapshot.seed.position !== stored.position) return { rejected: true };
        const seed = { ...snapshot.seed, defaultedTerms };
        if (reputation !== versions.reputation) return { snapshot: { seed }, rejected: true };
        return { snapshot: { ...snapshot, seed }, rejected: false };
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
        version: `${recordsOf(seed.defaultedTerms)}/${versions.reputation}`,
        digest: digestOf(parts),
        parts,
      });
    },
  };
}
