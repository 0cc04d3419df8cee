import { type EventStore, type ProjectionSnapshot, QuanziError } from '@quanzi/core';
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
  /** The store held one, but of another configuration or code version, or damaged. */
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

/** Checks `snapshots` as given to `createEngine`; bad input throws `invalid_input` naming the field. */
export function parseSnapshotOptions(input: unknown): SnapshotOptions | undefined {
  if (input === undefined) return undefined;
  const every = (input as { every?: unknown } | null)?.every;
  const known =
    typeof input === 'object' &&
    input !== null &&
    Object.keys(input).every((key) => key === 'every');
  if (!known)
    throw new QuanziError({
      code: 'invalid_input',
      path: ['snapshots'],
      message: {
        en: 'snapshots must be an object with at most an "every" field',
        'zh-CN': 'snapshots 必须是对象，且只能包含 “every” 字段',
      },
    });
  if (every !== undefined && !(Number.isSafeInteger(every) && (every as number) >= 1))
    throw new QuanziError({
      code: 'invalid_input',
      path: ['snapshots', 'every'],
      message: {
        en: `snapshots.every must be a whole number of events, at least 1; got ${JSON.stringify(every)}`,
        'zh-CN': `snapshots.every 必须是不小于 1 的整数（事件数），实际为 ${JSON.stringify(every)}`,
      },
    });
  return every === undefined ? {} : { every: every as number };
}

/** The parts of `stored`, copied, if it is of `version` and its digest matches them. */
function checkedParts(stored: ProjectionSnapshot | undefined, version: string) {
  if (stored === undefined) return 'absent';
  if (stored.version !== version || stored.digest !== digestOf(stored.parts)) return 'rejected';
  return { position: stored.position, parts: [...stored.parts] };
}

/**
 * A keeper for the snapshots of `scope` in `store`, written under `version`. A snapshot
 * of another version, with a digest its parts do not match, or that does not decode is
 * rejected, never trusted: the engine then replays the whole log.
 */
export function createSnapshotKeeper(
  store: EventStore,
  scope: string,
  version: string,
): SnapshotKeeper {
  return {
    async load() {
      // Only our own copy of the list stays: decoding empties it part by part.
      const checked = checkedParts(await store.loadSnapshot?.(scope), version);
      if (checked === 'absent') return { rejected: false };
      if (checked === 'rejected') return { rejected: true };
      const { position, parts } = checked;
      try {
        const snapshot = decodeSnapshot(parts);
        if (snapshot.seed.position !== position) return { rejected: true };
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
