import type { DomainEventData, NewEvent, Task } from '@quanzi/core';
import type { SqlExecutor } from './SqlDriver';
import type { StoreTables } from './storeTables';

/**
 * The coarse task states the task view keeps. A claim is accepted only while the
 * task is `published` or `claimed` with a free slot.
 */
export const taskViewStates = [
  'draft',
  'in_review',
  'approved',
  'published',
  'claimed',
  'in_progress',
  'submitted',
  'rejected',
  'accepted',
  'closed',
] as const;

/** One of {@link taskViewStates}. */
export type TaskViewState = (typeof taskViewStates)[number];

type Projector = (tx: SqlExecutor, t: StoreTables, event: NewEvent) => Promise<boolean>;

/** Runs one conditional UPDATE on the event's task row; false when no row matched. */
async function update(
  tx: SqlExecutor,
  t: StoreTables,
  event: NewEvent,
  set: string,
  condition = 'true',
  params: ReadonlyArray<unknown> = [],
): Promise<boolean> {
  const { taskId } = event.data as { taskId: string };
  const rows = await tx.query(
    `UPDATE ${t.taskView} SET ${set}, updated_at = $3
      WHERE circle_id = $1 AND task_id = $2 AND (${condition}) RETURNING task_id`,
    [event.circleid, taskId, event.time, ...params],
  );
  return rows.length === 1;
}

const setState =
  (state: TaskViewState): Projector =>
  (tx, t, event) =>
    update(tx, t, event, `state = '${state}'`);

// Removing a claimant frees its slot; the task is open again once nobody holds it.
const releaseClaimant: Projector = (tx, t, event) =>
  update(
    tx,
    t,
    event,
    `claimant_ids = array_remove(claimant_ids, $4), leases = leases - $4,
     state = CASE WHEN cardinality(array_remove(claimant_ids, $4)) = 0
                  AND state IN ('claimed', 'in_progress', 'rejected') THEN 'published' ELSE state END`,
    '$4 = ANY(claimant_ids)',
    [(event.data as DomainEventData<'quanzi.task.released'>).claimantId],
  );

const projectors = {
  'quanzi.task.created': async (tx: SqlExecutor, t: StoreTables, event: NewEvent) => {
    const task = (event.data as { task: Task }).task;
    const rows = await tx.query(
      `INSERT INTO ${t.taskView} (circle_id, task_id, stream_id, state, slots, category, title,
         publisher_id, deadline, updated_at)
       VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $8, $9)
       ON CONFLICT (circle_id, task_id) DO NOTHING RETURNING task_id`,
      [
        event.circleid,
        task.id,
        event.subject,
        task.slots ?? 1,
        task.category,
        task.title,
        task.publisherId,
        task.deadline ?? null,
        event.time,
      ],
    );
    return rows.length === 1;
  },
  'quanzi.task.review_requested': setState('in_review'),
  // Only a task waiting for review changes state; reviewing a live task (post-review)
  // records oversight but must not take it off the platform.
  'quanzi.task.reviewed': (tx: SqlExecutor, t: StoreTables, event: NewEvent) => {
    const { decision } = event.data as DomainEventData<'quanzi.task.reviewed'>;
    const next: TaskViewState = decision === 'approved' ? 'approved' : 'draft';
    return update(
      tx,
      t,
      event,
      `state = CASE WHEN state = 'in_review' THEN '${next}' ELSE state END`,
    );
  },
  'quanzi.task.published': setState('published'),
  // The claim race is decided here: one conditional UPDATE admits a claimant only
  // while the task is open, has a free slot and does not already list them.
  'quanzi.task.claimed': (tx: SqlExecutor, t: StoreTables, event: NewEvent) => {
    const { claimantId, leaseUntil } = event.data as DomainEventData<'quanzi.task.claimed'>;
    return update(
      tx,
      t,
      event,
      `claimant_ids = array_append(claimant_ids, $4),
       leases = leases || jsonb_build_object($4::text, $5::text), state = 'claimed'`,
      `state IN ('published', 'claimed') AND cardinality(claimant_ids) < slots
       AND NOT ($4 = ANY(claimant_ids))`,
      [claimantId, leaseUntil],
    );
  },
  'quanzi.task.lease_extended': (tx: SqlExecutor, t: StoreTables, event: NewEvent) => {
    const { claimantId, leaseUntil } = event.data as DomainEventData<'quanzi.task.lease_extended'>;
    return update(
      tx,
      t,
      event,
      'leases = leases || jsonb_build_object($4::text, $5::text)',
      '$4 = ANY(claimant_ids)',
      [claimantId, leaseUntil],
    );
  },
  'quanzi.task.released': releaseClaimant,
  'quanzi.task.started': setState('in_progress'),
  'quanzi.task.work_submitted': setState('submitted'),
  'quanzi.task.rework_requested': setState('in_progress'),
  'quanzi.task.rejected': setState('rejected'),
  'quanzi.task.accepted': setState('accepted'),
  'quanzi.task.closed': setState('closed'),
} satisfies Record<string, Projector>;

/**
 * Applies task events to the task view inside the append's transaction. Applies them
 * all and returns the first claim the view refuses (the task is unknown, not open, full, or already held
 * by that claimant), or `undefined`. Other events that match no row change nothing:
 * deciding whether they are allowed is the lifecycle's job, not the view's.
 */
export async function projectTaskEvents(
  tx: SqlExecutor,
  tables: StoreTables,
  events: ReadonlyArray<NewEvent>,
): Promise<NewEvent | undefined> {
  let refused: NewEvent | undefined;
  for (const event of events) {
    const projector = (projectors as Record<string, Projector | undefined>)[event.type];
    const applied = projector ? await projector(tx, tables, event) : true;
    if (!applied && event.type === 'quanzi.task.claimed') refused ??= event;
  }
  return refused;
}
