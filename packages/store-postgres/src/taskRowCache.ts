import { keyOf, type Pending } from './taskViewProjection';

/**
 * The task rows this store last read or wrote, each with its revision, so that an
 * append can fold its task events without reading the rows first. The append's one
 * statement checks every revision under the row lock: a row someone else moved
 * since is refused as stale and read again, so the cache is never trusted blindly.
 */
export interface TaskRowCache {
  /** Copies of the cached rows among `keys` (the fold moves a copy's snapshot). */
  take(keys: Iterable<string>): Map<string, Pending>;
  /** Remembers rows as read from the database (with their revisions). */
  put(rows: Iterable<Pending>): void;
  /** Remembers rows just written, under the revisions the write returned. */
  remember(
    rows: ReadonlyArray<Pending>,
    written: ReadonlyArray<{ circle_id: string; task_id: string; revision: string | number }>,
  ): void;
  /** Forgets rows (after a stale revision). */
  forget(keys: Iterable<string>): void;
}

/**
 * Creates a cache holding at most `limit` rows; past that the least recently used
 * row goes, so memory stays bounded however many tasks a city has.
 */
export function createTaskRowCache(limit = 10_000): TaskRowCache {
  const rows = new Map<string, Pending>();
  const put = (row: Pending) => {
    const key = keyOf(row.circleId, row.taskId);
    rows.delete(key);
    rows.set(key, row);
    if (rows.size > limit) rows.delete(rows.keys().next().value as string);
  };
  return {
    take(keys) {
      const found = new Map<string, Pending>();
      for (const key of keys) {
        const row = rows.get(key);
        if (row) found.set(key, { ...row });
      }
      return found;
    },
    put(given) {
      for (const row of given) put(row);
    },
    remember(given, written) {
      const revisions = new Map(
        written.map((w) => [keyOf(w.circle_id, w.task_id), String(w.revision)]),
      );
      for (const row of given) {
        const revision = revisions.get(keyOf(row.circleId, row.taskId));
        if (revision !== undefined) put({ ...row, revision });
      }
    },
    forget(keys) {
      for (const key of keys) rows.delete(key);
    },
  };
}
