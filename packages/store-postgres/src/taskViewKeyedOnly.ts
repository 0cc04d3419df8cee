import type { StoreTables } from './storeTables';

/**
 * Migration 10's script: the task view keeps only its primary key, and leaves room
 * on each page for a row's next versions.
 *
 * - The `(circle_id, state)` index goes. `append_one` plans its statements once per
 *   connection, often while the view is still empty; with no statistics both that
 *   index and the key looked equally cheap for locking one task, and when the plan
 *   took the state index, every append read all of its circle's task rows
 *   (about 100 buffers at 150 tasks, and growing). With only the key left the
 *   plan cannot go wrong. Listing a circle's tasks walks the key in task order, as
 *   its keyset paging does anyway.
 * - `fillfactor = 50` on every partition: an append rewrites its task's row
 *   (about 1.6 KB), and with free room on the page and no indexed column changed
 *   (the key never changes) PostgreSQL writes the new version as a heap-only tuple,
 *   with no new entry in the key's index. Storage parameters are per partition.
 * - `append_logged` plans with `enable_seqscan = off`, as migration 10's `append_one`
 *   does: every statement in them finds rows by a key, and a plan frozen while a table
 *   was one page long would otherwise scan the partition on every call for the life of
 *   the connection.
 */
export function taskViewKeyedOnlySql(t: StoreTables): string {
  return `
    DROP INDEX "${t.schema}".task_view_circle_id_state_idx;
    DO $$
    DECLARE r record;
    BEGIN
      FOR r IN SELECT i.inhrelid::regclass AS part FROM pg_inherits i
         WHERE i.inhparent = '${t.taskView}'::regclass
      LOOP
        EXECUTE format('ALTER TABLE %s SET (fillfactor = 50)', r.part);
      END LOOP;
    END $$;
    ALTER FUNCTION "${t.schema}".append_logged SET enable_seqscan = off;
  `;
}
