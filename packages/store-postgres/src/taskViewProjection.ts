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
interface Pending {
  readonly circleId: string;
  readonly taskId: string;
  readonly streamId: string;
  readonly terms: LifecycleTerms | null;
  readonly config: LifecycleConfig;
  snapshot: TaskSnapshot;
  /** The task as created: category, title and the other listed columns. */
  readonly listed: { category: string; title: string; deadline: string | null };
}

const keyOf = (circleId: string, taskId: string) => `${circleId}\u0000${taskId}`;
const taskIdOf = (event: NewEvent) => (event.data as { taskId?: unknown }).taskId;

// Terms are stored with the created event; events written before that have none
// and take the lifecycle's defaults, which only lease renewals read.
const configOf = (terms: LifecycleTerms | null) =>
  createLifecycleConfig((terms ?? {}) as LifecycleConfigInput);

interface StoredRow {
  circle_id: string;
  task_id: string;
  stream_id: string;
  snapshot: TaskSnapshot;
  terms: LifecycleTerms | null;
  category: string;
  title: string;
  deadline: string | null;
}

/** Locks and reads the rows of the tasks `events` continue (not the ones they create). */
async function loadRows(
  tx: SqlExecutor,
  t: StoreTables,
  events: ReadonlyArray<NewEvent>,
): Promise<Map<string, Pending>> {
  const wanted = new Map<string, [string, string]>();
  for (const event of events) {
    const taskId = taskIdOf(event);
    if (event.type !== 'quanzi.task.created' && typeof taskId === 'string')
      wanted.set(keyOf(event.circleid, taskId), [event.circleid, taskId]);
  }
  const rows =
    wanted.size === 0
      ? []
      : await tx.query<StoredRow>(
          `SELECT circle_id, task_id, stream_id, snapshot, terms, category, title, deadline
             FROM ${t.taskView}
            WHERE (circle_id, task_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
            ORDER BY circle_id, task_id FOR UPDATE`,
          [[...wanted.values()].map(([c]) => c), [...wanted.values()].map(([, id]) => id)],
        );
  return new Map(
    rows.map((row) => [
      keyOf(row.circle_id, row.task_id),
      {
        circleId: row.circle_id,
        taskId: row.task_id,
        streamId: row.stream_id,
        terms: row.terms,
        config: configOf(row.terms),
        snapshot: row.snapshot,
        listed: { category: row.category, title: row.title, deadline: row.deadline },
      },
    ]),
  );
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

/** Writes every pending row in one statement. */
async function writeRows(tx: SqlExecutor, t: StoreTables, rows: Iterable<Pending>) {
  const records = [...rows].map((row) => ({
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
  if (records.length === 0) return;
  await tx.query(
    `INSERT INTO ${t.taskView} AS v (circle_id, task_id, stream_id, state, slots, claimant_ids,
       leases, category, title, publisher_id, deadline, updated_at, snapshot, terms)
     SELECT r.circle_id, r.task_id, r.stream_id, r.state, r.slots,
            ARRAY(SELECT jsonb_array_elements_text(r.claimant_ids)), r.leases, r.category, r.title,
            r.publisher_id, r.deadline, r.updated_at, r.snapshot, r.terms
       FROM jsonb_to_recordset($1::jsonb) AS r(circle_id text, task_id text, stream_id text,
            state text, slots integer, claimant_ids jsonb, leases jsonb, category text, title text,
            publisher_id text, deadline text, updated_at text, snapshot jsonb, terms jsonb)
     ON CONFLICT (circle_id, task_id) DO UPDATE SET state = excluded.state,
       claimant_ids = excluded.claimant_ids, leases = excluded.leases,
       updated_at = excluded.updated_at, snapshot = excluded.snapshot`,
    [JSON.stringify(records)],
  );
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
  // Domain events on task streams; a store also carries other kinds (tests, integrations).
  const taskEvents = events.filter(
    (event) => parseStreamId(event.subject)?.kind === 'task' && event.type.startsWith('quanzi.'),
  );
  if (taskEvents.length === 0) return undefined;
  const pending = await loadRows(tx, tables, taskEvents);
  const touched = new Set<Pending>();
  for (const event of taskEvents) {
    if (!fold(pending, event)) return event;
    const taskId = taskIdOf(event) ?? (event.data as { task: { id: string } }).task.id;
    touched.add(pending.get(keyOf(event.circleid, taskId as string)) as Pending);
  }
  await writeRows(tx, tables, touched);
  return undefined;
}
