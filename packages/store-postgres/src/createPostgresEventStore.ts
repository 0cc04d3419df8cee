import {
  type AppendOptions,
  type AppendRequest,
  type AppendResult,
  type AuditedEventStore,
  type AuditHead,
  type AuditVerification,
  IdSchema,
  parseAppendRequest,
  parseInput,
  plainText,
  QuanziError,
  type ReadAllOptions,
  ReadAllOptionsSchema,
  type StoredEvent,
  type SubscriptionCheckpoints,
  type VerifyAuditOptions,
} from '@quanzi/core';
import { verifyAuditLog } from '@quanzi/core/audit';
import * as z from 'zod';
import { appendToStore } from './appendToStore';
import { auditHeads, auditSource } from './auditSource';
import { createEmbeddedDriver } from './createEmbeddedDriver';
import { createSqlCheckpoints } from './createSqlCheckpoints';
import { type EventRow, eventColumns, toStoredEvent } from './eventRows';
import { guarded, storageFailure } from './guarded';
import { type MigrationReport, migrate } from './migrate';
import { appendedChannel, migrations } from './migrations';
import type { SqlDriver, SqlExecutor } from './SqlDriver';
import { eventsOfKey, loadSnapshot, saveSnapshot } from './snapshotRows';
import { type StoreTables, storeTables } from './storeTables';
import { createTaskRowCache } from './taskRowCache';
import { createTaskViews, type TaskViews } from './taskViews';

/** Options for {@link createPostgresEventStore}. */
export interface PostgresEventStoreOptions {
  /** Where the SQL runs; default: a PGlite database the store opens (see `dataDir`). */
  readonly driver?: SqlDriver;
  /**
   * A directory on disk for the default PGlite database (Node only; without it the
   * database lives in memory). The store locks it while open: a second process gets a
   * `storage_failure` naming `dataDir`, since PGlite allows one writer — use
   * PostgreSQL for several processes. Not together with `driver`.
   */
  readonly dataDir?: string;
  /** The PostgreSQL schema holding the store's tables; default `quanzi`. */
  readonly schema?: string;
}

/** The `EventStore` port on PostgreSQL or PGlite, plus what only a database store offers. */
export interface PostgresEventStore extends AuditedEventStore {
  /** The driver the store runs on. */
  readonly driver: SqlDriver;
  /** The qualified names of the store's tables, for reporting queries of your own. */
  readonly tables: StoreTables;
  /** What the start-up migration did. */
  readonly migration: MigrationReport;
  /** The task view kept in the same transaction as every append. */
  readonly tasks: TaskViews;
  /** Durable subscription checkpoints in the same database, for `createSubscription`. */
  readonly checkpoints: SubscriptionCheckpoints;
  /**
   * Re-derives the audit chain (one circle's, or all) from one snapshot and compares
   * it with the log, the stored heads and, if given, a signed checkpoint.
   */
  verifyAudit(options?: VerifyAuditOptions): Promise<AuditVerification>;
  /** The chain heads now (one circle's, or all): what `createAuditCheckpoint` signs. */
  auditHeads(circleId?: string): Promise<AuditHead[]>;
  /** Closes the driver (and the PGlite database the store created itself). */
  close(): Promise<void>;
}

const DataDirSchema = z.string().min(1).max(4096);
// Stream sequences are PostgreSQL integers.
const maxSequence = 2 ** 31 - 1;
const ReadStreamSchema = z.strictObject({
  streamId: plainText({ min: 1, max: 300, wellFormed: true }),
  fromSequence: z.number().int().min(1).max(maxSequence).default(1),
});

/**
 * Creates the event store on PostgreSQL (`createPgDriver(pool)`) or PGlite (the
 * default), applying pending migrations first. Appends are atomic: the idempotency
 * key, stream versions, events, task view and audit chain commit together.
 *
 * @example
 * const store = await createPostgresEventStore(); // embedded PGlite
 * const result = await store.append({ circleId: 'xinhua', events: [created],
 *   expectations: [{ streamId: 'task/t1', expectedVersion: 0 }], idempotencyKey: 'cmd-1' });
 * await store.tasks.list({ circleId: 'xinhua', open: true });
 * await store.verifyAudit(); // { ok: true, circles: 1, entries: 1, checkpoint: false }
 */
export async function createPostgresEventStore(
  options: PostgresEventStoreOptions = {},
): Promise<PostgresEventStore> {
  const tables = storeTables(options.schema ?? 'quanzi');
  if (options.driver && options.dataDir !== undefined)
    throw new QuanziError({
      code: 'invalid_input',
      path: ['dataDir'],
      message: {
        en: 'dataDir is for the PGlite database the store opens itself; it cannot be combined with driver',
        'zh-CN': 'dataDir 仅用于存储自行打开的 PGlite 数据库，不能与 driver 同时使用',
      },
    });
  const dataDir =
    options.dataDir === undefined
      ? undefined
      : parseInput(DataDirSchema, options.dataDir, { path: ['dataDir'] });
  const driver = options.driver ?? (await createEmbeddedDriver(dataDir));
  const migration = await guarded(() => migrate(driver, tables)).catch(async (error) => {
    // The store opened this database (and maybe locked its directory): give it back.
    if (!options.driver) await driver.close();
    throw error;
  });
  const tasks = createTaskViews(driver, tables);
  const taskRows = createTaskRowCache();
  const refill = migrations.some(
    (step) => step.rebuildsTaskView && migration.applied.includes(step.version),
  );
  if (refill) await tasks.rebuild();
  // Verification reads the chain and the log in pages: one snapshot keeps them in step.
  const readConsistent = <T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> =>
    guarded(() =>
      driver.transaction(async (tx) => {
        await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        return work(tx);
      }),
    );
  return {
    driver,
    tables,
    migration,
    tasks,
    checkpoints: createSqlCheckpoints(driver, tables),
    async append(request: AppendRequest, options?: AppendOptions): Promise<AppendResult> {
      const parsed = parseAppendRequest(request, options?.validated);
      return guarded(() => appendToStore(driver, tables, taskRows, parsed));
    },
    async readStream(streamId, options = {}): Promise<StoredEvent[]> {
      const q = parseInput(ReadStreamSchema, { streamId, ...options });
      const rows = await guarded(() =>
        driver.query<EventRow>(
          `SELECT ${eventColumns} FROM ${tables.events}
            WHERE stream_id = $1 AND sequence >= $2 ORDER BY sequence`,
          [q.streamId, q.fromSequence],
        ),
      );
      return rows.map(toStoredEvent);
    },
    async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
      const { after = 0, ...q } = parseInput(ReadAllOptionsSchema, options);
      const read = (through: number | null) =>
        guarded(() =>
          driver.query<EventRow>(
            `SELECT ${eventColumns} FROM ${tables.events}
              WHERE position > $1 AND ($5::bigint IS NULL OR position <= $5)
                AND ($2::text IS NULL OR circle_id = $2) AND ($4::text[] IS NULL OR type = ANY($4))
                AND ($6::text[] IS NULL OR circle_id = ANY($6))
              ORDER BY position LIMIT $3`,
            [
              after,
              q.circleId ?? null,
              q.limit ?? null,
              q.types ?? null,
              through,
              q.circleIds ?? null,
            ],
          ),
        );
      const whole = q.circleId === undefined && q.circleIds === undefined && q.types === undefined;
      if (whole) {
        // A page of the whole log shows a skipped position itself (in flight, or taken by
        // an append that failed): only then does it wait for the appends in flight.
        const rows = await read(null);
        const last = rows.at(-1);
        if (last === undefined || Number(last.position) - after === rows.length)
          return rows.map(toStoredEvent);
      }
      // A filtered page cannot show what it skipped: it reads only as far as every
      // append has ended.
      const [settled] = await guarded(() =>
        driver.query<{ position: string }>(
          `SELECT "${tables.schema}".settled_position() AS position`,
        ),
      );
      return (await read(Number(settled?.position ?? after))).map(toStoredEvent);
    },
    verifyAudit: (options) =>
      readConsistent((tx) => verifyAuditLog(auditSource(tx, tables), options)),
    async auditHeads(circleId) {
      const id =
        circleId === undefined ? undefined : parseInput(IdSchema, circleId, { path: ['circleId'] });
      return readConsistent((tx) => auditHeads(tx, tables, id));
    },
    watch: (onAppend, onError) =>
      guarded(() =>
        driver.listen(
          appendedChannel(tables),
          onAppend,
          onError && ((error) => onError(storageFailure(error))),
        ),
      ),
    eventsOfKey: (key) => guarded(() => eventsOfKey(driver, tables, key)),
    saveSnapshot: (snapshot) => guarded(() => saveSnapshot(driver, tables, snapshot)),
    loadSnapshot: (scope) => guarded(() => loadSnapshot(driver, tables, scope)),
    close: () => driver.close(),
  };
}
