import {
  anchorOf,
  type DuplicateRef,
  type Position,
  type Report,
  type Task,
  toEpoch,
} from '@quanzi/core';
import type { DuplicateIndex } from './createDuplicateIndex';
import type { ReportRecord, TaskRecord } from './EngineRecord';
import { type DuplicateProbe, wordsOf } from './findDuplicates';

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

// A probe reads its circle, category, time and text from the report or task it stands
// for (which never changes) instead of keeping copies: a restart indexes a city's open
// items at once. What scoring reads for every candidate (ref, place, time) stays a field.
// Words are segmented only when a probe is first compared: most indexed items never are
// (a crowded cell keeps only its newest few), and segmenting them all was half of a
// restart's CPU time.
abstract class RecordProbe<T extends Report | Task> implements DuplicateProbe {
  #words: ReadonlySet<string> | undefined;
  constructor(
    protected readonly item: T,
    readonly ref: DuplicateRef,
    readonly position: Position | undefined,
    readonly timeMs: number,
  ) {}
  abstract readonly time: string;
  abstract readonly text: string;
  get circleId(): string {
    return this.item.circleId;
  }
  get category(): string | undefined {
    return this.item.category;
  }
  get words(): ReadonlySet<string> {
    this.#words ??= wordsOfText(this.text);
    return this.#words;
  }
  /** Whether this is the probe of `item` (a new version of an item's object is a new item). */
  isOf(item: Report | Task): boolean {
    return this.item === item;
  }
}

class ReportProbe extends RecordProbe<Report> {
  constructor(report: Report) {
    const ref = { kind: 'report', id: report.id } as const;
    super(report, ref, report.location?.coordinates, toEpoch(report.receivedAt));
  }
  get time(): string {
    return this.item.receivedAt;
  }
  get text(): string {
    return this.item.text;
  }
}

class TaskProbe extends RecordProbe<Task> {
  constructor(task: Task) {
    super(task, { kind: 'task', id: task.id }, anchorOf(task.location), toEpoch(task.createdAt));
  }
  get time(): string {
    return this.item.createdAt;
  }
  get text(): string {
    return `${this.item.title} ${this.item.goal}`;
  }
}

/**
 * The probe `index` holds for `item`, so an item is segmented once however often its
 * record changes, or a new one when it holds none of this very object.
 */
function probeIn<T extends Report | Task>(
  index: DuplicateIndex,
  ref: DuplicateRef,
  item: T,
  make: (item: T) => DuplicateProbe,
): DuplicateProbe {
  const held = index.get(ref);
  return held instanceof RecordProbe && held.isOf(item) ? held : make(item);
}

/** A report reduced to what duplicate detection compares (the one `index` holds, if any). */
export function duplicateProbeOf(index: DuplicateIndex, record: ReportRecord): DuplicateProbe {
  const { report } = record;
  return probeIn(index, { kind: 'report', id: report.id }, report, (r) => new ReportProbe(r));
}

/**
 * Keeps `index` to what a new report may duplicate: reports still waiting for triage
 * and tasks not yet closed. Called with each record an event touched.
 */
export function indexForDuplicates(index: DuplicateIndex, record: ReportRecord | TaskRecord): void {
  if (record.entity === 'report') {
    const open = record.snapshot.state === 'received' || record.snapshot.state === 'triaged';
    if (open) index.put(duplicateProbeOf(index, record));
    else index.remove({ kind: 'report', id: record.report.id });
    return;
  }
  const ref = { kind: 'task', id: record.task.id } as const;
  if (record.snapshot.state !== 'closed')
    index.put(probeIn(index, ref, record.task, (task) => new TaskProbe(task)));
  else index.remove(ref);
}
