import {
  claimableTaskStates,
  IdSchema,
  parseInput,
  QuanziError,
  type TaskState,
  TaskStateSchema,
} from '@quanzi/core';
import * as z from 'zod';
import { type EventRow, eventColumns, toStoredEvent } from './eventRows';
import { guarded } from './guarded';
import type { SqlDriver, SqlExecutor } from './SqlDriver';
import type { StoreTables } from './storeTables';
import { projectTaskEvents } from './taskViewProjection';

/** A task as the task view keeps it: enough to list, filter and decide claims. */
export interface TaskView {
  readonly circleId: string;
  readonly taskId: string;
  /** The task's stream, e.g. `task/t1`. */
  readonly streamId: string;
  /** The lifecycle's state, moved by the same `evolveTask` the engine folds. */
  readonly state: TaskState;
  readonly slots: number;
  /** Current claimants in claim order. */
  readonly claimantIds: ReadonlyArray<string>;
  /** Each claimant's lease end (ISO instant). */
  readonly leases: Readonly<Record<string, string>>;
  readonly category: string;
  readonly title: string;
  readonly publisherId: string;
  readonly deadline?: string;
  /** `time` of the last event that changed this row. */
  readonly updatedAt: string;
}

const ListTaskViewsSchema = z.strictObject({
  circleId: IdSchema,
  states: z.array(TaskStateSchema).min(1).optional(),
  /** Only tasks open for claims now (core's `isOpenForClaims`): a claimable state and a free slot. */
  open: z.boolean().optional(),
  /** Keyset paging: tasks after this id. */
  afterTaskId: z.optional(IdSchema),
  limit: z.number().int().min(1).max(1000).default(100),
});

/** A task-view query; see {@link TaskViews.list}. */
export type ListTaskViewsQuery = z.input<typeof ListTaskViewsSchema>;

/** Reads over the task view, which the store keeps in the same transaction as each append. */
export interface TaskViews {
  /** One task, or `undefined`. */
  get(circleId: string, taskId: string): Promise<TaskView | undefined>;
  /** A circle's tasks by id, optionally only some states or only open ones. */
  list(query: ListTaskViewsQuery): Promise<TaskView[]>;
  /** Drops the view (of one circle, or all) and replays it from the log; returns the rows rebuilt. */
  rebuild(circleId?: string): Promise<number>;
}

interface TaskViewRow {
  circle_id: string;
  task_id: string;
  stream_id: string;
  state: TaskState;
  slots: number;
  claimant_ids: string[];
  leases: Record<string, string>;
  category: string;
  title: string;
  publisher_id: string;
  deadline: string | null;
  updated_at: string;
}

function toTaskView(row: TaskViewRow): TaskView {
  return {
    circleId: row.circle_id,
    taskId: row.task_id,
    streamId: row.stream_id,
    state: row.state,
    slots: row.slots,
    claimantIds: row.claimant_ids,
    leases: row.leases,
    category: row.category,
    title: row.title,
    publisherId: row.publisher_id,
    ...(row.deadline === null ? {} : { deadline: row.deadline }),
    updatedAt: row.updated_at,
  };
}

async function rebuild(tx: SqlExecutor, t: StoreTables, circleId: string | null) {
  await tx.query(`DELETE FROM ${t.taskView} WHERE $1::text IS NULL OR circle_id = $1`, [circleId]);
  for (let after = 0; ; ) {
    const rows = await tx.query<EventRow>(
      `SELECT ${eventColumns} FROM ${t.events}
        WHERE ($1::text IS NULL OR circle_id = $1) AND position > $2 AND type LIKE 'quanzi.task.%'
        ORDER BY position LIMIT 1000`,
      [circleId, after],
    );
    const events = rows.map(toStoredEvent);
    const refused = await projectTaskEvents(tx, t, events);
    if (refused)
      throw new QuanziError({
        code: 'internal',
        message: {
          en: `The log disagrees with the lifecycle at event ${refused.id} (${refused.subject}); was the log edited?`,
          'zh-CN': `日志与生命周期在事件 ${refused.id}（${refused.subject}）处不一致；日志是否被修改？`,
        },
      });
    const last = events.at(-1);
    if (!last) break;
    after = last.position;
  }
  const [count] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${t.taskView} WHERE $1::text IS NULL OR circle_id = $1`,
    [circleId],
  );
  return count?.n ?? 0;
}

/** The task-view reads of one store. */
export function createTaskViews(driver: SqlDriver, t: StoreTables): TaskViews {
  return {
    async get(circleId, taskId) {
      const id = parseInput(IdSchema, circleId, { path: ['circleId'] });
      const rows = await guarded(() =>
        driver.query<TaskViewRow>(
          `SELECT * FROM ${t.taskView} WHERE circle_id = $1 AND task_id = $2`,
          [id, taskId],
        ),
      );
      return rows[0] && toTaskView(rows[0]);
    },
    async list(query) {
      const q = parseInput(ListTaskViewsSchema, query);
      const rows = await guarded(() =>
        driver.query<TaskViewRow>(
          `SELECT * FROM ${t.taskView}
          WHERE circle_id = $1 AND ($2::text[] IS NULL OR state = ANY($2::text[]))
            AND (NOT $3::boolean OR (state = ANY($6::text[]) AND cardinality(claimant_ids) < slots))
            AND ($4::text IS NULL OR task_id > $4)
          ORDER BY task_id LIMIT $5`,
          [
            q.circleId,
            q.states ?? null,
            q.open ?? false,
            q.afterTaskId ?? null,
            q.limit,
            [...claimableTaskStates],
          ],
        ),
      );
      return rows.map(toTaskView);
    },
    async rebuild(circleId) {
      const id =
        circleId === undefined ? null : parseInput(IdSchema, circleId, { path: ['circleId'] });
      return guarded(() => driver.transaction((tx) => rebuild(tx, t, id)));
    },
  };
}
