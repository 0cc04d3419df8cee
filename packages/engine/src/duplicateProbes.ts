import { anchorOf } from '@quanzi/core';
import type { EngineState } from './createEngineState';
import type { ReportRecord, TaskRecord } from './EngineRecord';
import { type DuplicateProbe, wordsOf } from './findDuplicates';

// Records are replaced, never changed, so a probe (with its segmented words) can be
// kept for as long as its record lives.
const probes = new WeakMap<ReportRecord | TaskRecord, DuplicateProbe>();

function cached(record: ReportRecord | TaskRecord, make: () => Omit<DuplicateProbe, 'words'>) {
  let probe = probes.get(record);
  if (!probe) {
    const made = make();
    probe = { ...made, words: wordsOf(made.text) };
    probes.set(record, probe);
  }
  return probe;
}

/** A report reduced to what duplicate detection compares. */
export function duplicateProbeOf(record: ReportRecord): DuplicateProbe {
  const { report } = record;
  return cached(record, () => ({
    ref: { kind: 'report', id: report.id },
    circleId: report.circleId,
    position: report.location?.coordinates,
    time: report.receivedAt,
    category: report.category,
    text: report.text,
  }));
}

function taskProbeOf(record: TaskRecord): DuplicateProbe {
  const { task } = record;
  return cached(record, () => ({
    ref: { kind: 'task', id: task.id },
    circleId: task.circleId,
    position: anchorOf(task.location),
    time: task.createdAt,
    category: task.category,
    text: `${task.title} ${task.goal}`,
  }));
}

/** Reports still waiting for triage and tasks not yet closed: what a new report may duplicate. */
export function* openProbes(state: EngineState): Iterable<DuplicateProbe> {
  for (const record of state.reports.values())
    if (record.snapshot.state === 'received' || record.snapshot.state === 'triaged')
      yield duplicateProbeOf(record);
  for (const record of state.tasks.values())
    if (record.snapshot.state !== 'closed') yield taskProbeOf(record);
}
