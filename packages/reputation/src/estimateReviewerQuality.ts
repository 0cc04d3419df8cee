import type { SecondOpinion } from './reputationState';

/** How often a reviewer accepts bad work and rejects good work, estimated from second opinions. */
export interface ReviewerEstimate {
  readonly reviewerId: string;
  /** Second-opinion items the reviewer took part in. */
  readonly items: number;
  readonly acceptsBad: number;
  readonly rejectsGood: number;
}

/** Options of {@link estimateReviewerQuality}. */
export interface EstimateOptions {
  readonly minOverlap: number;
  readonly minPerReviewer: number;
  readonly iterations: number;
}

type Label = { reviewer: number; accept: boolean };

// Beta pseudo-counts: reviewers are assumed more often right than wrong until the
// data says otherwise, which keeps estimates finite with few items.
const right = 2;
const wrong = 1;

function labelsOf(opinions: readonly SecondOpinion[], index: Map<string, number>): Label[][] {
  const id = (reviewerId: string) => {
    if (!index.has(reviewerId)) index.set(reviewerId, index.size);
    return index.get(reviewerId) as number;
  };
  // The first reviewer accepted the work; the second accepted it if they agree.
  return opinions.map((o) => [
    { reviewer: id(o.firstReviewerId), accept: true },
    { reviewer: id(o.secondReviewerId), accept: o.agrees },
  ]);
}

function likelihood(labels: Label[], good: boolean, sens: number[], spec: number[]): number {
  let p = 1;
  for (const { reviewer, accept } of labels) {
    const s = good ? (sens[reviewer] as number) : (spec[reviewer] as number);
    p *= accept === good ? s : 1 - s;
  }
  return p;
}

/**
 * A Dawid–Skene estimate (EM over a binary "good work" class) of each reviewer's
 * sensitivity and specificity from second opinions. Returns nothing until the circle
 * has `minOverlap` items, and no estimate for a reviewer with fewer than
 * `minPerReviewer`.
 */
export function estimateReviewerQuality(
  opinions: readonly SecondOpinion[],
  options: EstimateOptions,
): ReviewerEstimate[] {
  if (opinions.length < options.minOverlap) return [];
  const index = new Map<string, number>();
  const items = labelsOf(opinions, index);
  const n = index.size;
  let good = items.map((labels) => labels.filter((l) => l.accept).length / labels.length);
  let sens: number[] = [];
  let spec: number[] = [];
  for (let round = 0; round < options.iterations; round += 1) {
    const counts = Array.from({ length: n }, () => ({
      tp: right,
      pos: right + wrong,
      tn: right,
      neg: right + wrong,
    }));
    items.forEach((labels, i) => {
      const g = good[i] as number;
      for (const { reviewer, accept } of labels) {
        const c = counts[reviewer] as (typeof counts)[number];
        c.pos += g;
        c.neg += 1 - g;
        if (accept) c.tp += g;
        else c.tn += 1 - g;
      }
    });
    sens = counts.map((c) => c.tp / c.pos);
    spec = counts.map((c) => c.tn / c.neg);
    const prior = (good.reduce((a, b) => a + b, 0) + 1) / (items.length + 2);
    good = items.map((labels) => {
      const yes = prior * likelihood(labels, true, sens, spec);
      const no = (1 - prior) * likelihood(labels, false, sens, spec);
      return yes / (yes + no);
    });
  }
  const seen = new Map<number, number>();
  for (const labels of items)
    for (const { reviewer } of labels) seen.set(reviewer, (seen.get(reviewer) ?? 0) + 1);
  return [...index]
    .filter(([, i]) => (seen.get(i) ?? 0) >= options.minPerReviewer)
    .map(([reviewerId, i]) => ({
      reviewerId,
      items: seen.get(i) ?? 0,
      acceptsBad: 1 - (spec[i] as number),
      rejectsGood: 1 - (sens[i] as number),
    }))
    .sort((a, b) => (a.reviewerId < b.reviewerId ? -1 : a.reviewerId > b.reviewerId ? 1 : 0));
}
