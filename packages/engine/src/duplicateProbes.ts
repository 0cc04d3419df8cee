import { anchorOf } from '@quanzi/core';
import type { EngineState, ReportRecord, TaskRecord } from './createEngineState';
import type { DuplicateProbe } from './findDuplicates';

/** A report reduced to what duplicate detection compares. */
export function duplicateProbeOf(record: ReportRecord): DuplicateProbe {
  const { report } = record;
  return {
    ref: { kind: 'report', id: report.id },
    circleId: report.circleId,
    position: report.location?.coordinates,
    time: report.receivedAt,
    category: report.category,
    text: report.text,
  };
}

function taskProbeOf(record: TaskRecord): DuplicateProbe {
  const { task } = record;
  return {
    ref: { kind: 'task', id: task.id },
    circleId: task.circleId,
    position: anchorOf(task.location),
    time: task.createdAt,
    category: task.category,
    text: `${task.title} ${task.goal}`,
  };
}

/** Reports still waiting for triage and tasks not yet closed: what a new report may duplicate. */
export function* openProbes(state: EngineState): Iterable<DuplicateProbe> {
  for (const record of state.reports.values())
    if (record.snapshot.state === 'received' || record.snapshot.state === 'triaged')
      yield duplicateProbeOf(record);
  for (const record of state.tasks.values())
    if (record.snapshot.state !== 'closed') yield taskProbeOf(record);
}
