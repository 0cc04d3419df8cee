import type { DomainEvent, DomainEventData, LifecycleTerms, NewEvent } from '@quanzi/core';
import { parseStreamId } from '@quanzi/core';
import {
  createLifecycleConfig,
  evolveTask,
  initialTaskSnapshot,
  type LifecycleConfig,
  type LifecycleConfigInput,
  type TaskSnapshot,
} from '@quanzi/lifecycle';
import type { SqlExecutor } from './SqlDriver';
import type { StoreTables } from './storeTables';

/** A task row being brought forward by one batch of events. */
export interface Pending {
  readonly circleId: string;
  readonly taskId: string;
  readonly streamId: string;
  readonly terms: LifecycleTerms | null;
  readonly config: LifecycleConfig;
  snapshot: TaskSnapshot;
  /** The task as created: category, title and the other listed columns. */
  readonly listed: { category: string; title: string; deadline: string | null };
  /** The row's revision as read (`undefined` for a row this batch creates). */
  readonly revision?: string;
}

/** The key of a task row in maps and the cache. */
export const keyOf = (circleId: string, taskId: string) => `${circleId}\u0000${taskId}`;
const taskIdOf = (event: NewEvent) => (event.data as { taskId?: unknown }).taskId;

// Terms are stored with the created event; events written before that have none
// and take the lifecycle's defaults, which only lease renewals read.
const configOf = (terms: LifecycleTerms | null) =>
  createLifecycleConfig((terms ?? {}) as LifecycleConfigInput);

/** A task row as the database gives it, to a read or in `append_one`'s stale answer. */
export interface StoredRow {
  revision: string | number | null;
  circle_id: string;
  task_id: string;
  stream_id: string;
  snapshot: TaskSnapshot;
  terms: LifecycleTerms | null;
  category: string;
  title: string;
  deadline: string | null;
}

/** A task row as read, ready to be folded. */
export function pendingOf(row: StoredRow): Pending {
  return {
    circleId: row.circle_id,
    taskId: row.task_id,
    streamId: row.stream_id,
    terms: row.terms,
    config: configOf(row.terms),
    snapshot: row.snapshot,
    listed: { category: row.category, title: row.title, deadline: row.deadline },
    ...(row.revision === null ? {} : { revision: String(row.revision) }),
  };
}

/**
 * The rows (circle id, task id by key) of the tasks `events` continue. A task they
 * create has no row to read, also for the events after its creation: a creation
 * must begin its stream (`append_one` and {@link appendEvents} refuse another), so
 * its row cannot exist yet.
 */
export function wantedRows(events: ReadonlyArray<NewEvent>): Map<string, [string, string]> {
  const wanted = new Map<string, [string, string]>();
  const created = new Set<string>();
  for (const event of events) {
    if (event.type === 'quanzi.task.created') {
      const { task } = event.data as DomainEventData<'quanzi.task.created'>;
      created.add(keyOf(event.circleid, task.id));
      continue;
    }
    const taskId = taskIdOf(event);
    const key = typeof taskId === 'string' ? keyOf(event.circleid, taskId) : undefined;
    if (key !== undefined && !created.has(key)) wanted.set(key, [event.circleid, taskId as string]);
  }
  return wanted;
}

/**
 * Reads the `wanted` rows. `lock`: locked until the transaction ends, in key order so
 * that two appends never wait on each other in a cycle. `revision`: unlocked, with
 * the revision that `append_one` checks when it locks them.
 */
export async function readRows(
  tx: SqlExecutor,
  t: StoreTables,
  wanted: ReadonlyMap<string, [string, string]>,
  mode: 'lock' | 'revision',
): Promise<Map<string, Pending>> {
  const rows =
    wanted.size === 0
      ? []
      : await tx.query<StoredRow>(
          `SELECT ${mode === 'revision' ? 'revision' : 'NULL AS revision'}, circle_id, task_id,
                  stream_id, snapshot, terms, category, title, deadline
             FROM ${t.taskView}
            WHERE (circle_id, task_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
            ORDER BY circle_id, task_id ${mode === 'lock' ? 'FOR UPDATE' : ''}`,
          [[...wanted.values()].map(([c]) => c), [...wanted.values()].map(([, id]) => id)],
        );
  return new Map(rows.map((row) => [keyOf(row.circle_id, row.task_id), pendingOf(row)]));
}

/** Folds one event into the pending rows; false when the lifecycle says it cannot happen. */
function fold(pending: Map<string, Pending>, event: NewEvent): boolean {
  if (event.type === 'quanzi.task.created') {
    const { task, lifecycle } = event.data as DomainEventData<'quanzi.task.created'>;
    const key = keyOf(event.circleid, task.id);
    if (pending.has(key)) return false;
    const terms = lifecycle ?? null;
    pending.set(key, {
      circleId: event.circleid,
      taskId: task.id,
      streamId: event.subject,
      terms,
      config: configOf(terms),
      snapshot: initialTaskSnapshot(task),
      listed: { category: task.category, title: task.title, deadline: task.deadline ?? null },
    });
    return true;
  }
  const taskId = taskIdOf(event);
  const row = typeof taskId === 'string' ? pending.get(keyOf(event.circleid, taskId)) : undefined;
  const next = row && evolveTask(row.snapshot, event as DomainEvent, event.time, row.config);
  if (!row || !next) return false;
  row.snapshot = next;
  return true;
}

/** The rows as the JSON records {@link upsertTaskRowsSql} reads. */
export function rowRecords(rows: Iterable<Pending>) {
  return [...rows].map((row) => ({
    circle_id: row.circleId,
    task_id: row.taskId,
    stream_id: row.streamId,
    state: row.snapshot.state,
    slots: row.snapshot.slots,
    claimant_ids: row.snapshot.claims.map((claim) => claim.claimantId),
    leases: Object.fromEntries(row.snapshot.claims.map((c) => [c.claimantId, c.leaseUntil])),
    category: row.listed.category,
    title: row.listed.title,
    publisher_id: row.snapshot.publisherId,
    deadline: row.listed.deadline,
    updated_at: row.snapshot.updatedAt,
    snapshot: row.snapshot,
    terms: row.terms,
  }));
}

/**
 * The statement that writes task rows from a JSON array of {@link rowRecords}
 * (`records`: a parameter or a PL/pgSQL variable). With `json` (migration 10 and
 * {@link writeRows}), `snapshot` and `terms` are stored as the text sent; with `jsonb`,
 * it is the statement migrations 8 and 9 hold in their copies of `append_one`. Those
 * migrations are history: a change of either text needs a new migration.
 */
export const upsertTaskRowsSql = (t: StoreTables, records: string, kind: 'json' | 'jsonb') =>
  `INSERT INTO ${t.taskView} AS v (circle_id, task_id, stream_id, state, slots, claimant_ids,
       leases, category, title, publisher_id, deadline, updated_at, snapshot, terms)
     SELECT r.circle_id, r.task_id, r.stream_id, r.state, r.slots,
            ARRAY(SELECT ${kind}_array_elements_text(r.claimant_ids)), r.leases, r.category, r.title,
            r.publisher_id, r.deadline, r.updated_at, r.snapshot, r.terms
       FROM ${kind}_to_recordset(${records}) AS r(circle_id text, task_id text, stream_id text,
            state text, slots integer, claimant_ids ${kind}, leases jsonb, category text, title text,
            publisher_id text, deadline text, updated_at text, snapshot ${kind}, terms ${kind})
     ON CONFLICT (circle_id, task_id) DO UPDATE SET state = excluded.state,
       claimant_ids = excluded.claimant_ids, leases = excluded.leases,
       updated_at = excluded.updated_at, snapshot = excluded.snapshot`;

/** Writes every pending row in one statement. */
async function writeRows(tx: SqlExecutor, t: StoreTables, rows: ReadonlyArray<Pending>) {
  if (rows.length === 0) return;
  await tx.query(upsertTaskRowsSql(t, '$1::json', 'json'), [JSON.stringify(rowRecords(rows))]);
}

/**
 * Brings the task view forward by `events` inside the append's transaction. Each
 * row keeps the lifecycle's own snapshot and is moved by `evolveTask`, the same
 * function the engine folds, so the view has the lifecycle's states and cannot
 * disagree with it. Returns the first task event the lifecycle refuses (a claim on
 * a full, unpublished or unknown task, a holder event for someone who holds nothing),
 * writing nothing, or `undefined` after writing every touched row. The rows are
 * locked while they are read, so concurrent claims queue on the task's row and
 * exactly `slots` of them get in.
 */
export async function projectTaskEvents(
  tx: SqlExecutor,
  tables: StoreTables,
  events: ReadonlyArray<NewEvent>,
): Promise<NewEvent | undefined> {
  const taskEvents = taskEventsOf(events);
  if (taskEvents.length === 0) return undefined;
  const pending = await readRows(tx, tables, wantedRows(taskEvents), 'lock');
  const folded = foldAll(pending, taskEvents);
  if ('refused' in folded) return folded.refused;
  await writeRows(tx, tables, folded.touched);
  return undefined;
}

/** Domain events on task streams; a store also carries other kinds (tests, integrations). */
export function taskEventsOf(events: ReadonlyArray<NewEvent>): NewEvent[] {
  return events.filter(
    (event) => parseStreamId(event.subject)?.kind === 'task' && event.type.startsWith('quanzi.'),
  );
}

/** Folds `taskEvents` into `pending`: the rows they touched, or the first event the lifecycle refuses. */
export function foldAll(
  pending: Map<string, Pending>,
  taskEvents: ReadonlyArray<NewEvent>,
): { touched: Pending[] } | { refused: NewEvent } {
  const touched = new Set<Pending>();
  for (const event of taskEvents) {
    if (!fold(pending, event)) return { refused: event };
    const taskId = taskIdOf(event) ?? (event.data as { task: { id: string } }).task.id;
    touched.add(pending.get(keyOf(event.circleid, taskId as string)) as Pending);
  }
  return { touched: [...touched] };
}
