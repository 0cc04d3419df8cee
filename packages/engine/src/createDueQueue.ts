import { nextTaskDueAt } from '@quanzi/lifecycle';
import TinyQueue from 'tinyqueue';
import type { TaskRecord } from './EngineRecord';

/** A task's next timed step, as of one version of it; later versions supersede it. */
interface DueEntry {
  atMs: number;
  taskId: string;
  version: number;
}

/** When each task's next timed step falls due, so a tick costs what is due, not what exists. */
export interface DueQueue {
  /** Notes the record's next timed step (lease warning or expiry, SLA, deadline, rating window). */
  schedule(record: TaskRecord): void;
  /** The records due at or before `now`, by due time then id; `current` gives each task's latest record. */
  dueTasks(now: string, current: (taskId: string) => TaskRecord | undefined): TaskRecord[];
}

/** Creates an empty due queue. */
export function createDueQueue(): DueQueue {
  // Superseded entries stay in the queue until they come due and are dropped then:
  // cheaper than finding them on every change.
  const due = new TinyQueue<DueEntry>([], (a, b) => a.atMs - b.atMs);
  return {
    schedule(record) {
      const at = nextTaskDueAt(record.snapshot, record.lifecycle);
      if (at !== null)
        due.push({ atMs: Date.parse(at), taskId: record.task.id, version: record.version });
    },
    dueTasks(now, current) {
      const nowMs = Date.parse(now);
      const found: DueEntry[] = [];
      while (due.length > 0 && (due.peek() as DueEntry).atMs <= nowMs) {
        const entry = due.pop() as DueEntry;
        if (current(entry.taskId)?.version === entry.version) found.push(entry);
      }
      // Finding due work changes nothing: the tick's own events supersede these
      // entries once they are applied, and a tick that fails finds them again.
      for (const entry of found) due.push(entry);
      return found
        .sort((a, b) => a.atMs - b.atMs || (a.taskId < b.taskId ? -1 : 1))
        .map((entry) => current(entry.taskId) as TaskRecord);
    },
  };
}
