import { type DuplicateRef, distanceMeters, type Position, toEpoch } from '@quanzi/core';

/** What duplicate detection compares: a report or task reduced to place, time, category and text. */
export interface DuplicateProbe {
  readonly ref: DuplicateRef;
  readonly circleId: string;
  readonly position: Position | undefined;
  /** ISO instant the report came in or the task was created. */
  readonly time: string;
  readonly category: string | undefined;
  readonly text: string;
  /** The words of `text`, when the caller keeps them (segmenting is the costly part). */
  readonly words?: ReadonlySet<string>;
  /** `time` in epoch milliseconds, when the caller keeps it (parsing is the next costly part). */
  readonly timeMs?: number;
}

/** A possible duplicate of a new report, with the evidence for it. */
export interface DuplicateCandidate {
  readonly ref: DuplicateRef;
  /** Metres apart, or `null` when one of the two has no place. */
  readonly distanceMeters: number | null;
  readonly hoursApart: number;
  /** Jaccard similarity of the two texts' words, 0..1. */
  readonly textSimilarity: number;
  /** Closeness in place, time and text combined, 0..1; candidates are sorted by it. */
  readonly score: number;
}

/** How close counts as "the same thing". */
export interface DuplicateOptions {
  readonly radiusMeters: number;
  readonly windowHours: number;
  readonly limit: number;
  /**
   * How many of the most recently opened items each place cell keeps per day for
   * comparison. A spot with more than this many open items in one day is already one
   * cluster: comparing the newest ones finds it, and a submit costs the same however
   * crowded the spot.
   */
  readonly crowdLimit: number;
}

/** 300 m, three days, five candidates, 32 items per cell and day. */
export const defaultDuplicateOptions: DuplicateOptions = {
  radiusMeters: 300,
  windowHours: 72,
  limit: 5,
  crowdLimit: 32,
};

// Word segmentation covers Chinese (小区|门口|共享|单车) without a dictionary.
const segmenter = new Intl.Segmenter('zh-CN', { granularity: 'word' });

/** The distinct lower-cased words of `text`, Chinese and Latin alike. */
export function wordsOf(text: string): Set<string> {
  const words = new Set<string>();
  for (const segment of segmenter.segment(text.toLowerCase()))
    if (segment.isWordLike) words.add(segment.segment);
  return words;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return shared / (a.size + b.size - shared);
}

// Ties go by reference (kind, then id: the order of `kind/id`), so the answer does not
// depend on the order items come in.
function ranksBefore(score: number, ref: DuplicateRef, b: DuplicateCandidate): boolean {
  if (score !== b.score) return score > b.score;
  if (ref.kind !== b.ref.kind) return ref.kind < b.ref.kind;
  return ref.id < b.ref.id;
}

/**
 * Candidates that `probe` may duplicate among `existing`: same circle, a compatible
 * category (equal, or either unknown), within `radiusMeters` (when both have a
 * place) and `windowHours`; ranked by closeness in place, time and wording.
 *
 * @example
 * findDuplicates(newReport, openItems).map((c) => c.ref); // [{ kind: 'task', id: 't3' }]
 */
export function findDuplicates(
  probe: DuplicateProbe,
  existing: Iterable<DuplicateProbe>,
  options: DuplicateOptions = defaultDuplicateOptions,
): DuplicateCandidate[] {
  const words = probe.words ?? wordsOf(probe.text);
  const time = probe.timeMs ?? toEpoch(probe.time);
  // The best `limit` so far, best first: a crowded place costs a score per item, not a sort.
  const best: DuplicateCandidate[] = [];
  for (const other of existing) {
    if (other.circleId !== probe.circleId) continue;
    if (other.ref.kind === probe.ref.kind && other.ref.id === probe.ref.id) continue;
    if (probe.category && other.category && probe.category !== other.category) continue;
    const hoursApart = Math.abs(time - (other.timeMs ?? toEpoch(other.time))) / 3_600_000;
    if (hoursApart > options.windowHours) continue;
    const distance =
      probe.position && other.position ? distanceMeters(probe.position, other.position) : undefined;
    if (distance !== undefined && distance > options.radiusMeters) continue;
    const nearness = distance === undefined ? 0 : 1 - distance / options.radiusMeters;
    const placeAndTime = 0.4 * nearness + 0.2 * (1 - hoursApart / options.windowHours);
    // With the list full, an item that could not beat the last one even with the same
    // words is not compared word by word (rounding is monotonic: the bound is never lower).
    const last = best.length >= options.limit ? best[best.length - 1] : undefined;
    if (last !== undefined && placeAndTime + 0.4 < last.score) continue;
    const textSimilarity = jaccard(words, other.words ?? wordsOf(other.text));
    // Without two places, only the wording can make it a candidate.
    if (distance === undefined && textSimilarity < 0.3) continue;
    const score = placeAndTime + 0.4 * textSimilarity;
    let at = best.length;
    while (at > 0 && ranksBefore(score, other.ref, best[at - 1] as DuplicateCandidate)) at -= 1;
    if (at >= options.limit) continue;
    best.splice(at, 0, {
      ref: other.ref,
      distanceMeters: distance ?? null,
      hoursApart,
      textSimilarity,
      score,
    });
    if (best.length > options.limit) best.pop();
  }
  return best;
}
