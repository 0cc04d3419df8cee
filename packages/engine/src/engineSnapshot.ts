import { canonicalJson, hash53, QuanziError } from '@quanzi/core';
import { createLifecycleConfig, type LifecycleConfig } from '@quanzi/lifecycle';
import { decodeCompactJson, encodeCompactJson } from './compactJson';
import type { EngineStateSeed } from './createEngineState';
import type { ParticipantRecord, ReportRecord, TaskRecord } from './EngineRecord';

/**
 * The version of what the engine's projections compute from the log. Raise it whenever
 * a change to the engine, lifecycle or reputation code would fold the same log into
 * different records, so that snapshots written before are rebuilt instead of trusted.
 */
export const projectionCodeVersion = 2;

// Records per part: each part stays far below one database value's and one string's limits.
const recordsPerPart = 2000;

// Format 6: record parts in the compact encoding with its node list scanned, not parsed
// (1 was plain JSON, 2 to 5 earlier compact ones).
const format = 6;

interface Header {
  readonly format: typeof format;
  readonly position: number;
  readonly lifecycles: ReadonlyArray<LifecycleConfig>;
}

type Chunk =
  | { readonly kind: 'participants'; readonly records: ReadonlyArray<ParticipantRecord> }
  | {
      readonly kind: 'tasks';
      readonly records: ReadonlyArray<Omit<TaskRecord, 'lifecycle'> & { lifecycle: number }>;
    }
  | {
      readonly kind: 'reports';
      readonly records: ReadonlyArray<Omit<ReportRecord, 'lifecycle'> & { lifecycle: number }>;
    };

/** The engine's projections as read back from a snapshot. */
export interface DecodedSnapshot {
  readonly seed: EngineStateSeed;
  /** The reputation projection's own snapshot text; left out when written under other reputation options. */
  readonly reputation?: string;
}

/** Two independent 53-bit hashes of `text`, as one hex string. */
const hashOf = (text: string) =>
  `${hash53(text).toString(16).padStart(14, '0')}${hash53(text, 0x9e3779b9).toString(16).padStart(14, '0')}`;

/**
 * A checksum over every part, in order: what tells a damaged snapshot from a good one.
 * One 53-bit pass per part (hashing is most of a restart's cost after parsing), then
 * both hashes over those and the parts' lengths.
 */
export function digestOf(parts: ReadonlyArray<string>): string {
  return hashOf(parts.map((part) => `${hash53(part).toString(36)}:${part.length}`).join('.'));
}

/** The hash of everything besides the log that shapes the projections; see {@link projectionCodeVersion}. */
export function snapshotVersionOf(inputs: unknown): string {
  return `v${projectionCodeVersion}-${hashOf(canonicalJson(inputs))}`;
}

function* chunks<T>(records: Iterable<T>): Generator<T[]> {
  let chunk: T[] = [];
  for (const record of records) {
    chunk.push(record);
    if (chunk.length === recordsPerPart) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * The parts of a snapshot of `seed` and the reputation text: a header (position and the
 * distinct lifecycle terms, which records name by index), the reputation, then records.
 */
export function encodeSnapshot(seed: EngineStateSeed, reputation: string): string[] {
  const lifecycles: LifecycleConfig[] = [];
  const indexOfTerms = new Map<LifecycleConfig, number>();
  const termsIndex = (terms: LifecycleConfig) => {
    let index = indexOfTerms.get(terms);
    if (index === undefined) {
      index = lifecycles.length;
      lifecycles.push(terms);
      indexOfTerms.set(terms, index);
    }
    return index;
  };
  const parts: string[] = [];
  for (const records of chunks(seed.participants))
    parts.push(encodeCompactJson({ kind: 'participants', records } satisfies Chunk));
  for (const chunk of chunks(seed.tasks)) {
    const records = chunk.map((r) => ({ ...r, lifecycle: termsIndex(r.lifecycle) }));
    parts.push(encodeCompactJson({ kind: 'tasks', records } satisfies Chunk));
  }
  for (const chunk of chunks(seed.reports)) {
    const records = chunk.map((r) => ({ ...r, lifecycle: termsIndex(r.lifecycle) }));
    parts.push(encodeCompactJson({ kind: 'reports', records } satisfies Chunk));
  }
  const header: Header = { format, position: seed.position, lifecycles };
  return [JSON.stringify(header), reputation, ...parts];
}

function malformed(detail: string): QuanziError {
  return new QuanziError({
    code: 'invalid_input',
    path: ['snapshot'],
    message: {
      en: `The engine snapshot is malformed: ${detail}`,
      'zh-CN': `引擎快照格式错误：${detail}`,
    },
  });
}

/**
 * Reads the parts {@link encodeSnapshot} wrote. Lifecycle terms are validated again;
 * anything that is not such a snapshot throws `invalid_input` (field `snapshot`).
 * Each record part is cleared from `parts` once decoded, so its text can be collected
 * while the next is read: a restore peaks near its final memory plus the parts' text,
 * not the records twice over.
 */
export function decodeSnapshot(parts: string[]): DecodedSnapshot {
  const [headerText, reputation] = parts;
  if (headerText === undefined || reputation === undefined) throw malformed('parts missing');
  const header = JSON.parse(headerText) as Partial<Header>;
  if (
    header.format !== format ||
    !Number.isSafeInteger(header.position) ||
    !Array.isArray(header.lifecycles)
  )
    throw malformed('unknown header');
  const lifecycles = header.lifecycles.map((terms) => createLifecycleConfig(terms));
  const termsAt = (index: unknown) => {
    const terms = typeof index === 'number' ? lifecycles[index] : undefined;
    if (!terms) throw malformed('lifecycle terms missing');
    return terms;
  };
  const participants: ParticipantRecord[] = [];
  const tasks: TaskRecord[] = [];
  const reports: ReportRecord[] = [];
  for (let at = 2; at < parts.length; at += 1) {
    const chunk = decodeCompactJson(parts[at] as string) as Chunk;
    parts[at] = '';
    if (!Array.isArray(chunk?.records)) throw malformed('records missing');
    // The decoded records are fresh objects: each takes its terms in place, no copy.
    const withTerms = <T>(r: { lifecycle: number }) =>
      Object.assign(r, { lifecycle: termsAt(r.lifecycle) }) as unknown as T;
    if (chunk.kind === 'participants') for (const r of chunk.records) participants.push(r);
    else if (chunk.kind === 'tasks')
      for (const r of chunk.records) tasks.push(withTerms<TaskRecord>(r));
    else if (chunk.kind === 'reports')
      for (const r of chunk.records) reports.push(withTerms<ReportRecord>(r));
    else throw malformed('unknown records');
  }
  return {
    seed: { position: header.position as number, participants, tasks, reports },
    reputation,
  };
}
