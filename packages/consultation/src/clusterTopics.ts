import type { Keyphrase, TermDocument } from './rankKeyphrases';

/** A cluster of feedback that talks about the same thing. */
export interface Topic {
  /** `topic-1`, `topic-2`, … in order of size when found. */
  readonly id: string;
  /** Its terms, most widely used first; the first few make a label. */
  readonly keywords: readonly string[];
  readonly authors: number;
  readonly itemIds: readonly string[];
}

/** Options for {@link clusterTopics}. */
export interface ClusterOptions {
  readonly maxTopics?: number;
  /** Share of a term's texts that must already be in a topic for the term to join it. */
  readonly join?: number;
  /** Authors a term needs to found a topic of its own. */
  readonly minAuthors?: number;
}

interface Draft {
  terms: string[];
  docs: Set<number>;
}

function overlap(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  let shared = 0;
  for (const value of a) if (b.has(value)) shared += 1;
  return a.size === 0 ? 0 : shared / a.size;
}

function grow(
  candidates: readonly Keyphrase[],
  docsOf: Map<string, Set<number>>,
  options: Required<ClusterOptions>,
): Draft[] {
  const drafts: Draft[] = [];
  const covered = new Set<number>();
  for (const { term, authors } of candidates) {
    const docs = docsOf.get(term) ?? new Set<number>();
    const scores = drafts.map((draft) => overlap(docs, draft.docs));
    const best = scores.reduce((top, s, i) => (s > (scores[top] ?? -1) ? i : top), -1);
    if (best >= 0 && (scores[best] ?? 0) >= options.join) {
      const draft = drafts[best] as Draft;
      draft.terms.push(term);
      for (const d of docs) draft.docs.add(d);
    } else if (
      drafts.length < options.maxTopics &&
      authors >= options.minAuthors &&
      // A term spread over topics already found is generic ("evening", "area"), not a new theme.
      overlap(docs, covered) < options.join
    ) {
      drafts.push({ terms: [term], docs: new Set(docs) });
    }
    for (const d of docs) covered.add(d);
  }
  return drafts;
}

/**
 * Groups feedback into topics from term co-occurrence, deterministically: the
 * most widely used terms found topics, a term joins the topic whose texts
 * already hold most of its own, and each text goes to the topic it shares the
 * most rare terms with.
 *
 * @example
 * const topics = clusterTopics(docs, rankKeyphrases(docs, { limit: 60 }));
 */
export function clusterTopics(
  docs: readonly TermDocument[],
  candidates: readonly Keyphrase[],
  options: ClusterOptions = {},
): Topic[] {
  const settings = { maxTopics: 8, join: 0.5, minAuthors: 3, ...options };
  const wanted = new Set(candidates.map((c) => c.term));
  const docsOf = new Map<string, Set<number>>();
  docs.forEach((doc, i) => {
    for (const term of doc.terms)
      if (wanted.has(term)) docsOf.set(term, (docsOf.get(term) ?? new Set()).add(i));
  });
  const drafts = grow(candidates, docsOf, settings);
  const weight = (term: string) => Math.log((docs.length + 1) / (docsOf.get(term)?.size ?? 1));
  const members = drafts.map(() => [] as number[]);
  docs.forEach((doc, i) => {
    const scores = drafts.map((draft) =>
      doc.terms.reduce((sum, term) => sum + (draft.terms.includes(term) ? weight(term) : 0), 0),
    );
    const best = scores.reduce((top, s, j) => (s > (scores[top] ?? 0) ? j : top), -1);
    if (best >= 0 && (scores[best] ?? 0) > 0) members[best]?.push(i);
  });
  return drafts
    .map((draft, i) => ({ draft, docs: (members[i] ?? []).map((d) => docs[d] as TermDocument) }))
    .filter(({ docs: mine }) => mine.length > 0)
    .sort((a, b) => b.docs.length - a.docs.length)
    .map(({ draft, docs: mine }, i) => ({
      id: `topic-${i + 1}`,
      keywords: draft.terms,
      authors: new Set(mine.map((d) => d.author)).size,
      itemIds: mine.map((d) => d.id),
    }));
}
