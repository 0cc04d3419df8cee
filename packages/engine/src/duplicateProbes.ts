import { anchorOf, type DuplicateRef, type Position, toEpoch } from '@quanzi/core';
import type { DuplicateIndex } from './createDuplicateIndex';
import type { ReportRecord, TaskRecord } from './EngineRecord';
import { type DuplicateProbe, wordsOf } from './findDuplicates';

// A record's task or report object stays the same across its versions and is never
// changed, so a probe (with its segmented words, the costly part) is made once per item.
const probes = new WeakMap<object, DuplicateProbe>();

// Texts repeat (task templates, the same complaint again): their words are kept a while,
// shared read-only between probes. Emptied when full, so memory stays bounded.
const recentWords = new Map<string, ReadonlySet<string>>();
const recentWordsLimit = 1024;

function wordsOfText(text: string): ReadonlySet<string> {
  let words = recentWords.get(text);
  if (!words) {
    if (recentWords.size >= recentWordsLimit) recentWords.clear();
    words = wordsOf(text);
    recentWords.set(text, words);
  }
  return words;
}

// Words are segmented only when a probe is first compared: a restart from a snapshot
// indexes every open item at once, and most are never compared (a crowded cell keeps
// only its newest few). Segmenting them all was half of such a restart's CPU time.
class LazyProbe implements DuplicateProbe {
  #words: ReadonlySet<string> | undefined;
  readonly timeMs: number;
  constructor(
    readonly ref: DuplicateRef,
    readonly circleId: string,
    readonly position: Position | undefined,
    readonly time: string,
    readonly category: string | undefined,
    readonly text: string,
  ) {
    this.timeMs = toEpoch(time);
  }
  get words(): ReadonlySet<string> {
    this.#words ??= wordsOfText(this.text);
    return this.#words;
  }
}

function cached(item: object, make: () => Omit<DuplicateProbe, 'words' | 'timeMs'>) {
  let probe = probes.get(item);
  if (!probe) {
    const { ref, circleId, position, time, category, text } = make();
    probe = new LazyProbe(ref, circleId, position, time, category, text);
    probes.set(item, probe);
  }
  return probe;
}

/** A report reduced to what duplicate detection compares. */
export function duplicateProbeOf(record: ReportRecord): DuplicateProbe {
  const { report } = record;
  return cached(report, () => ({
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
  return cached(task, () => ({
    ref: { kind: 'task', id: task.id },
    circleId: task.circleId,
    position: anchorOf(task.location),
    time: task.createdAt,
    category: task.category,
    text: `${task.title} ${task.goal}`,
  }));
}

/**
 * Keeps `index` to what a new report may duplicate: reports still waiting for triage
 * and tasks not yet closed. Called with each record an event touched.
 */
export function indexForDuplicates(index: DuplicateIndex, record: ReportRecord | TaskRecord): void {
  if (record.entity === 'report') {
    const open = record.snapshot.state === 'received' || record.snapshot.state === 'triaged';
    if (open) index.put(duplicateProbeOf(record));
    else index.remove({ kind: 'report', id: record.report.id });
  } else if (record.snapshot.state !== 'closed') index.put(taskProbeOf(record));
  else index.remove({ kind: 'task', id: record.task.id });
}
