/** A piece of text reduced to what analysis needs: who wrote it and its terms. */
export interface TermDocument {
  readonly id: string;
  readonly author: string;
  readonly terms: readonly string[];
}

/** A keyword or phrase and how widely it was used. */
export interface Keyphrase {
  readonly term: string;
  /** Distinct authors who used it: one author repeating a word counts once. */
  readonly authors: number;
  readonly items: number;
}

/** Options for {@link rankKeyphrases}. */
export interface RankOptions {
  readonly limit?: number;
  /** Fewer authors than this and a term is one person's wording, not a theme. */
  readonly minAuthors?: number;
  /** A term is dropped when a longer phrase containing it has this share of its authors. */
  readonly subsume?: number;
}

function contains(longer: string, shorter: string): boolean {
  if (longer === shorter || !longer.includes(shorter)) return false;
  // A Latin word must match whole: `bike` is inside `bike parking`, not inside `biker`.
  return /\p{Script=Han}/u.test(shorter) || ` ${longer} `.includes(` ${shorter} `);
}

/**
 * Ranks terms by how many different authors used them, and folds a word into
 * a longer phrase that nearly everybody who used the word also used
 * (`广场` into `广场舞`).
 *
 * @example
 * rankKeyphrases(docs, { limit: 10 })[0]; // { term: '停车位', authors: 14, items: 17 }
 */
export function rankKeyphrases(
  docs: readonly TermDocument[],
  options: RankOptions = {},
): Keyphrase[] {
  const { limit = 30, minAuthors = 2, subsume = 0.8 } = options;
  const authors = new Map<string, Set<string>>();
  const items = new Map<string, number>();
  for (const doc of docs)
    for (const term of doc.terms) {
      authors.set(term, (authors.get(term) ?? new Set()).add(doc.author));
      items.set(term, (items.get(term) ?? 0) + 1);
    }
  const ranked = [...authors]
    .map(([term, who]) => ({ term, authors: who.size, items: items.get(term) ?? 0 }))
    .filter((k) => k.authors >= minAuthors)
    .sort(
      (a, b) =>
        // Items do not break ties: one author repeating a term must not lift it.
        b.authors - a.authors || b.term.length - a.term.length || a.term.localeCompare(b.term),
    );
  return ranked
    .filter(
      (k) => !ranked.some((o) => contains(o.term, k.term) && o.authors >= subsume * k.authors),
    )
    .slice(0, limit);
}
