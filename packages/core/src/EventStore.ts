import type { NewEvent, StoredEvent } from './event';

/** The version a stream must be at for an append to go through; 0 = empty stream. */
export interface StreamExpectation {
  readonly streamId: string;
  readonly expectedVersion: number;
}

/** One atomic append: events for one or more streams of one circle. */
export interface AppendRequest {
  readonly circleId: string;
  /** Each named stream must be exactly at its expected version, or nothing is written. */
  readonly expectations: ReadonlyArray<StreamExpectation>;
  /** The events, each naming its stream in `subject`; sequences are assigned by the store. */
  readonly events: ReadonlyArray<NewEvent>;
  /**
   * A retried request with the same key in the same circle returns the first result
   * instead of writing twice. Keys are per circle, as the tables are partitioned by circle.
   */
  readonly idempotencyKey?: string;
  /** A digest of the request; the same key with a different digest is an error. */
  readonly requestHash?: string;
}

/** What the caller of {@link EventStore.append} vouches for. */
export interface AppendOptions {
  /**
   * The events were built by the caller itself from input it validated against the
   * same core schemas (an engine's own commands), so the store need not check their
   * envelopes and data again. What keeps the log whole is still checked: every event
   * in the request's circle, one expectation per stream, versions and idempotency
   * keys. Events that come from anywhere else must not be passed this way.
   */
  readonly validated?: boolean;
}

/**
 * The outcome of an append. A lost race is an expected outcome, so it is a value
 * (`conflict`), not an exception.
 */
export type AppendResult =
  | { readonly status: 'appended'; readonly events: ReadonlyArray<StoredEvent> }
  | { readonly status: 'replayed'; readonly events: ReadonlyArray<StoredEvent> }
  | {
      readonly status: 'conflict';
      readonly streamId: string;
      readonly expectedVersion: number;
      readonly actualVersion: number;
    };

/** Options for {@link EventStore.readAll}. */
export interface ReadAllOptions {
  /** Only events after this global position. */
  readonly after?: number;
  readonly limit?: number;
  readonly circleId?: string;
  /**
   * Only events of any of these circles: one read, in global order, for a reader of
   * several circles (a read per circle could pass an event still committing in another).
   */
  readonly circleIds?: ReadonlyArray<string>;
  /**
   * Only events of these types (`limit` counts those). Lets a reader find rare events,
   * such as overturned decisions, without reading the whole log.
   */
  readonly types?: ReadonlyArray<string>;
}

/**
 * A checkpoint of a reader's projections (an engine's) at a log position, kept by the
 * store so that a restart reads it plus the events after it instead of the whole log.
 * The store keeps it as given; the reader checks it (`version`, `digest`) before use.
 */
export interface ProjectionSnapshot {
  /** Whose projections: one snapshot per scope is kept, a newer one replaces it. */
  readonly scope: string;
  /** The global position of the last event folded in. */
  readonly position: number;
  /** What the projections were built with besides the log (configuration, code version). */
  readonly version: string;
  /** A checksum of `parts`, so a damaged snapshot is recognised and not trusted. */
  readonly digest: string;
  /** The serialised projections, in pieces small enough for one database value each. */
  readonly parts: ReadonlyArray<string>;
}

/**
 * The append-only log every state change goes through. Implementations: the
 * in-memory store in `@quanzi/engine`, PostgreSQL and PGlite in
 * `@quanzi/store-postgres`. All must pass the same contract tests.
 */
export interface EventStore {
  /**
   * Appends atomically if every expectation holds. Throws
   * `QuanziError('idempotency_mismatch')` when the key was used for another request.
   */
  append(request: AppendRequest, options?: AppendOptions): Promise<AppendResult>;
  /** One stream's events in sequence order. */
  readStream(streamId: string, options?: { fromSequence?: number }): Promise<StoredEvent[]>;
  /** The whole log (or one circle's part) in global order. */
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /**
   * Calls `onAppend` with the circle's id after any process commits an append to it
   * (PostgreSQL `LISTEN/NOTIFY`); resolves to a function that stops watching. Stores
   * shared by several processes offer it, so engines need not poll. After an
   * interruption (the server ended the listening connection) it calls `onAppend('')`:
   * appends to any circle may have gone unannounced, and the watcher should read them.
   * `onError` hears of each interruption and each failed attempt to listen again
   * (watching goes on by itself), as a `storage_failure`.
   */
  watch?(
    onAppend: (circleId: string) => void,
    onError?: (error: unknown) => void,
  ): Promise<() => Promise<void>>;
  /**
   * The events an idempotency key wrote in any circle (keys are per circle; a tick's are
   * `key@circle`), in log order; empty for an unused key. Lets an engine answer a retried command without keeping
   * every key in memory.
   */
  eventsOfKey?(key: string): Promise<StoredEvent[]>;
  /** Keeps `snapshot` as its scope's latest, replacing the previous one. */
  saveSnapshot?(snapshot: ProjectionSnapshot): Promise<void>;
  /**
   * The latest snapshot of `scope`, if one was saved, as stored: one damaged in the
   * database (a part lost, say) comes back damaged, for the reader to check against
   * its `digest` and replace.
   */
  loadSnapshot?(scope: string): Promise<ProjectionSnapshot | undefined>;
}
