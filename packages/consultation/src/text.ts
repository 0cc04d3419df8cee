import { stopwords } from './stopwords';

/** One word of a text, normalised (NFKC, lower case, plural `s` dropped). */
export interface WordToken {
  readonly word: string;
  /** Offsets in the normalised text. */
  readonly start: number;
  readonly end: number;
  readonly han: boolean;
}

/** Options for {@link extractTerms}. */
export interface TermOptions {
  /** Maps a term to the one it stands for, e.g. `{ noise: '噪音' }` to merge languages. */
  readonly synonyms?: Readonly<Record<string, string>>;
  /** Terms never returned (option names, stance words). */
  readonly exclude?: ReadonlySet<string>;
}

// `zh-CN` word breaking splits Chinese with ICU's built-in dictionary and
// Latin script by the usual rules, so one segmenter serves mixed text.
const words = new Intl.Segmenter('zh-CN', { granularity: 'word' });
const hanScript = /\p{Script=Han}/u;
const numeric = /^\p{N}+$/u;

/** NFKC and lower case, so full-width and half-width forms compare equal. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function stem(word: string): string {
  const base = word.endsWith("'s") ? word.slice(0, -2) : word;
  if (base.length > 4 && base.endsWith('ies')) return `${base.slice(0, -3)}y`;
  return base.length > 3 && /[^su]s$/.test(base) ? base.slice(0, -1) : base;
}

/**
 * Splits text into words with `Intl.Segmenter` (Chinese without a dictionary
 * download), dropping punctuation and spaces.
 *
 * @example
 * segmentWords('小区门口共享单车').map((t) => t.word); // ['小区', '门口', '共享', '单车']
 */
export function segmentWords(text: string): WordToken[] {
  const normalized = normalizeText(text);
  const out: WordToken[] = [];
  for (const part of words.segment(normalized)) {
    if (!part.isWordLike || numeric.test(part.segment)) continue;
    const han = hanScript.test(part.segment);
    out.push({
      word: han ? part.segment : stem(part.segment),
      start: part.index,
      end: part.index + part.segment.length,
      han,
    });
  }
  return out;
}

function isKeyword(token: WordToken): boolean {
  return !stopwords.has(token.word) && token.word.length >= (token.han ? 2 : 3);
}

function join(tokens: readonly WordToken[]): string {
  return tokens.reduce(
    (out, token, i) =>
      i > 0 && !token.han && !tokens[i - 1]?.han ? `${out} ${token.word}` : `${out}${token.word}`,
    '',
  );
}

/** Runs of adjacent words, broken at punctuation, line ends and words that `skip` rejects. */
function runs(
  text: string,
  tokens: readonly WordToken[],
  skip: (word: string) => boolean,
): WordToken[][] {
  const normalized = normalizeText(text);
  const out: WordToken[][] = [];
  let current: WordToken[] = [];
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1];
    const gap = previous ? normalized.slice(previous.end, token.start) : '';
    if (skip(token.word) || (previous && !/^[ \t]*$/.test(gap))) {
      if (current.length > 0) out.push(current);
      current = [];
    }
    if (!skip(token.word)) current.push(token);
  });
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * The distinct keywords and two- or three-word phrases of a text. Single
 * Chinese characters count only inside phrases (`广场`+`舞` → `广场舞`).
 *
 * @example
 * extractTerms('广场舞音响太吵'); // includes '广场舞', '音响'
 */
export function extractTerms(text: string, options: TermOptions = {}): string[] {
  const tokens = segmentWords(text);
  const canonical = (term: string) => options.synonyms?.[term] ?? term;
  const found = new Set<string>();
  const add = (term: string) => {
    const value = canonical(term);
    if (!options.exclude?.has(value)) found.add(value);
  };
  for (const token of tokens) if (isKeyword(token)) add(token.word);
  // Excluded words break phrases too, so `反对方案` never outlives `反对`.
  const skip = (word: string) =>
    stopwords.has(word) || (options.exclude?.has(canonical(word)) ?? false);
  for (const run of runs(text, tokens, skip))
    for (let size = 2; size <= 3; size += 1)
      for (let i = 0; i + size <= run.length; i += 1) {
        const gram = run.slice(i, i + size);
        if (gram.some(isKeyword)) add(join(gram));
      }
  return [...found];
}

/** Character pairs of the letters and digits of a text, for near-duplicate tests. */
export function shingles(text: string): Set<string> {
  const letters = [...normalizeText(text).replace(/[^\p{L}\p{N}]/gu, '')];
  if (letters.length < 2) return new Set(letters);
  const out = new Set<string>();
  for (let i = 0; i + 1 < letters.length; i += 1) out.add(`${letters[i]}${letters[i + 1]}`);
  return out;
}

/** Jaccard similarity of two sets: shared over all. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const value of a) if (b.has(value)) shared += 1;
  return shared / (a.size + b.size - shared);
}
