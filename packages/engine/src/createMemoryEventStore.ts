import {
  type AppendOptions,
  type AppendRequest,
  type AppendResult,
  type AuditEntry,
  type AuditedEventStore,
  foreignStreamError,
  genesisHash,
  IdSchema,
  type NewEvent,
  nextAuditEntry,
  type ProjectionSnapshot,
  parseAppendRequest,
  parseInput,
  QuanziError,
  type ReadAllOptions,
  ReadAllOptionsSchema,
  type StoredEvent,
} from '@quanzi/core';

interface IdempotencyRecord {
  readonly requestHash: string | undefined;
  readonly events: ReadonlyArray<StoredEvent>;
}

/** An event store kept in memory, with its audit chain, plus a way to look at its size. */
export interface MemoryEventStore extends AuditedEventStore {
  /** How many events the log holds. */
  readonly size: number;
}

function mismatch(key: string): QuanziError {
  return new QuanziError({
    code: 'idempotency_mismatch',
    path: ['idempotencyKey'],
    message: {
      en: `The idempotency key "${key}" was already used for a different request`,
      'zh-CN': `幂等键“${key}”已用于另一个不同的请求`,
    },
  });
}

/** The index of each stream's first event in `events`. */
function firstEvents(events: ReadonlyArray<NewEvent>): Map<string, number> {
  const firsts = new Map<string, number>();
  events.forEach((event, i) => {
    if (!firsts.has(event.subject)) firsts.set(event.subject, i);
  });
  return firsts;
}

/**
 * The in-memory `EventStore` (the port of `@quanzi/core`): the default for tests, the browser and
 * single-process embedding. It keeps the same contract as the PostgreSQL and
 * PGlite stores: a request is checked as they check it (`parseAppendRequest`),
 * a stream stays in the circle of its first event, every expectation is checked
 * before anything is written, a
 * retried idempotency key returns the first events, sequences count per stream
 * from 1 and positions count over the whole log from 1. A stored event is a frozen
 * envelope around the appended event's `data`, which is kept as given, not copied
 * or frozen (copying every event cost more than the rest of an engine's command):
 * appenders and readers must treat events as read-only, as the engine does.
 * The audit chain is the same as the database stores' (same entries, same
 * hashes), folded lazily when heads are asked for, so appends stay cheap.
 *
 * @example
 * const store = createMemoryEventStore();
 * const result = await store.append({ circleId: 'xinhua',
 *   expectations: [{ streamId: 'task/t1', expectedVersion: 0 }], events: [created] });
 * result.status; // 'appended'
 */
export function createMemoryEventStore(): MemoryEventStore {
  const log: StoredEvent[] = [];
  const streams = new Map<string, StoredEvent[]>();
  // A stream belongs to the circle of its first event, as in the database stores.
  const ownedBy = (streamId: string, circleId: string) => {
    const owner = streams.get(streamId)?.[0]?.circleid;
    if (owner !== undefined && owner !== circleId) throw foreignStreamError(streamId, owner);
  };
  // Keys are per circle, as in a database store partitioned by circle.
  const idempotency = new Map<string, IdempotencyRecord>();
  const eventsByKey = new Map<string, StoredEvent[]>();
  const snapshots = new Map<string, ProjectionSnapshot>();

  const versionOf = (streamId: string) => streams.get(streamId)?.length ?? 0;

  // Chain heads by circle, folded over log[0, audited).
  const heads = new Map<string, { seq: number; hash: string }>();
  let audited = 0;
  function catchUp() {
    for (; audited < log.length; audited += 1) {
      const event = log[audited] as StoredEvent;
      const { seq, hash } = nextAuditEntry(
        heads.get(event.circleid) ?? { seq: 0, hash: genesisHash },
        event,
      );
      heads.set(event.circleid, { seq, hash });
    }
  }
  function* entriesOf(events: ReadonlyArray<StoredEvent>): Generator<AuditEntry> {
    let head = { seq: 0, hash: genesisHash };
    for (const event of events) {
      const entry = nextAuditEntry(head, event);
      head = entry;
      yield entry;
    }
  }

  async function append(input: AppendRequest, options?: AppendOptions): Promise<AppendResult> {
    const request = parseAppendRequest(input, options?.validated);
    const key = request.idempotencyKey;
    const keyInCircle = `${request.circleId}\u0000${key}`;
    const previous = key === undefined ? undefined : idempotency.get(keyInCircle);
    if (previous !== undefined && key !== undefined) {
      if (previous.requestHash !== request.requestHash) throw mismatch(key);
      return { status: 'replayed', events: previous.events };
    }
    for (const { streamId, expectedVersion } of request.expectations) {
      ownedBy(streamId, request.circleId);
      const actualVersion = versionOf(streamId);
      if (actualVersion !== expectedVersion)
        return { status: 'conflict', streamId, expectedVersion, actualVersion };
    }
    // Where each stream's first event in the request is, found once if a task is created.
    let firsts: Map<string, number> | undefined;
    for (let i = 0; i < request.events.length; i += 1) {
      const { subject, type } = request.events[i] as NewEvent;
      ownedBy(subject, request.circleId);
      if (type !== 'quanzi.task.created') continue;
      // A task is created once: its created event begins its stream, as in the database stores.
      firsts ??= firstEvents(request.events);
      const actualVersion = versionOf(subject);
      if (actualVersion > 0 || firsts.get(subject) !== i)
        return { status: 'conflict', streamId: subject, expectedVersion: 0, actualVersion };
    }
    const stored = request.events.map((event) => {
      const stream = streams.get(event.subject) ?? [];
      streams.set(event.subject, stream);
      // The envelope is the store's own, frozen; `data` is kept as given (no copy).
      const copy = Object.freeze({
        ...event,
        streamsequence: stream.length + 1,
        position: log.length + 1,
      }) as StoredEvent;
      stream.push(copy);
      log.push(copy);
      return copy;
    });
    const events = Object.freeze(stored);
    if (key !== undefined) {
      idempotency.set(keyInCircle, { requestHash: request.requestHash, events });
      const written = eventsByKey.get(key);
      if (written) written.push(...events);
      else eventsByKey.set(key, [...events]);
    }
    return { status: 'appended', events };
  }

  async function readStream(streamId: string, options: { fromSequence?: number } = {}) {
    const stream = streams.get(streamId) ?? [];
    return stream.slice(Math.max(0, (options.fromSequence ?? 1) - 1));
  }

  async function readAll(options: ReadAllOptions = {}) {
    const {
      after = 0,
      limit = Number.POSITIVE_INFINITY,
      circleId,
      circleIds,
      types,
    } = parseInput(ReadAllOptionsSchema, options);
    const out: StoredEvent[] = [];
    // Positions are array indexes + 1, so reading starts right after `after`.
    for (let i = Math.max(0, after); i < log.length && out.length < limit; i += 1) {
      const event = log[i] as StoredEvent;
      if (circleId !== undefined && event.circleid !== circleId) continue;
      if (circleIds !== undefined && !circleIds.includes(event.circleid)) continue;
      if (types === undefined || types.includes(event.type)) out.push(event);
    }
    return out;
  }

  return {
    append,
    readStream,
    readAll,
    async auditHeads(circleId) {
      const only =
        circleId === undefined ? undefined : parseInput(IdSchema, circleId, { path: ['circleId'] });
      catchUp();
      return [...heads]
        .filter(([id]) => only === undefined || id === only)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([id, head]) => ({ circleId: id, ...head }));
    },
    async verifyAudit(options) {
      // The verifier is its own entry, loaded on the first audit: apps that only append
      // (a browser portal) never load it.
      const { verifyAuditLog } = await import('@quanzi/core/audit');
      catchUp();
      return verifyAuditLog(
        {
          circleIds: async (circleId) => (circleId === undefined ? [...heads.keys()] : [circleId]),
          async chain(circleId) {
            const events = log.filter((event) => event.circleid === circleId);
            return {
              head: heads.get(circleId) ?? { seq: 0, hash: genesisHash },
              // The log is frozen, so the entries are derived from it again: what
              // verification can catch here is a checkpoint the log no longer matches.
              entries: entriesOf(events),
              events,
            };
          },
        },
        options,
      );
    },
    eventsOfKey: async (key) => [...(eventsByKey.get(key) ?? [])],
    async saveSnapshot(snapshot) {
      // Kept as a copy, so the caller's later changes do not reach the store.
      snapshots.set(snapshot.scope, { ...snapshot, parts: [...snapshot.parts] });
    },
    loadSnapshot: async (scope) => snapshots.get(scope),
    get size() {
      return log.length;
    },
  };
}
