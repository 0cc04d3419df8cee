import type { Option } from './round';
import { chineseNegators, englishNegators, stanceCues } from './stanceLexicon';
import { normalizeText } from './text';

/** A position toward one option. `mixed`: support and concern in the same text. */
export type Stance = 'support' | 'concern' | 'mixed';

/** One text's stance toward one option, with the clauses that raised concerns. */
export interface StanceMention {
  readonly optionId: string;
  readonly stance: Stance;
  readonly concerns: readonly string[];
}

const clauseBreak = /[。！？!?；;，,、\n]+|但是|但|不过|可是|然而|\bbut\b|\bhowever\b|\bthough\b/u;
const latin = /^[\p{Script=Latin}\s'+-]+$/u;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function patternOf(needle: string): RegExp {
  return latin.test(needle)
    ? new RegExp(`(?<![\\p{L}'])${escapeRegExp(needle)}(?![\\p{L}])`, 'gu')
    : new RegExp(escapeRegExp(needle), 'gu');
}

// One alternation of every cue, longest first, so a scan finds `不支持` rather
// than `支持` inside it; compiled once because patterns per cue and clause
// dominated analysis time.
const polarityOf = new Map(stanceCues.map(([cue, polarity]) => [cue, polarity]));
const cuePattern = new RegExp(
  stanceCues
    .map(([cue]) =>
      latin.test(cue) ? `(?<![\\p{L}'])${escapeRegExp(cue)}(?![\\p{L}])` : escapeRegExp(cue),
    )
    .join('|'),
  'gu',
);

function negated(clause: string, start: number, latinCue: boolean): boolean {
  if (!latinCue) return chineseNegators.test(clause.slice(Math.max(0, start - 3), start));
  const before = clause.slice(0, start).split(/\s+/).filter(Boolean).slice(-3);
  return before.some((word) => englishNegators.has(word) || word.endsWith("n't"));
}

/** The sum of the clause's cue polarities, each turned round when negated. */
export function clausePolarity(clause: string): number {
  let total = 0;
  for (const match of clause.matchAll(cuePattern)) {
    const polarity = polarityOf.get(match[0]) ?? 0;
    total += negated(clause, match.index, latin.test(match[0])) ? -polarity : polarity;
  }
  return total;
}

interface OptionPatterns {
  readonly id: string;
  readonly patterns: readonly RegExp[];
}

function compileOptions(options: readonly Option[]): OptionPatterns[] {
  return options.map((o) => ({
    id: o.id,
    patterns: o.aliases.map((a) => patternOf(normalizeText(a))),
  }));
}

function mentions(clause: string, options: readonly OptionPatterns[]): string[] {
  // `search` ignores the global flag's lastIndex, so shared patterns stay correct.
  return options.filter((o) => o.patterns.some((p) => clause.search(p) >= 0)).map((o) => o.id);
}

function toMention(optionId: string, scores: number[], concerns: string[]): StanceMention {
  const up = scores.some((s) => s > 0);
  const down = scores.some((s) => s < 0);
  return { optionId, stance: up && down ? 'mixed' : up ? 'support' : 'concern', concerns };
}

/**
 * Endorsing (or rejecting) what a parent comment said: a reply `同意` or a `like`
 * takes the parent's stances, `不同意` or a `dislike` turns them round.
 */
export function echoStance(parent: readonly StanceMention[], polarity: number): StanceMention[] {
  if (polarity === 0) return [];
  const flip: Record<Stance, Stance> = { support: 'concern', concern: 'support', mixed: 'mixed' };
  return parent.map((m) => ({ ...m, stance: polarity > 0 ? m.stance : flip[m.stance] }));
}

/**
 * The stance a text takes toward each option it names. Clauses are split at
 * punctuation and at `但是`/`but`; a clause naming no option speaks about the
 * options named just before it, or else anywhere in the text. A reply naming
 * no option agrees or disagrees with its parent.
 *
 * @example
 * detectStance('支持方案一，但方案二太吵', options);
 * // [{ optionId: 'a', stance: 'support' }, { optionId: 'b', stance: 'concern', … }]
 */
export function detectStance(
  text: string,
  options: readonly Option[],
  parent: readonly StanceMention[] = [],
): StanceMention[] {
  const clauses = normalizeText(text)
    .split(clauseBreak)
    .map((c) => c.trim())
    .filter(Boolean);
  const compiled = compileOptions(options);
  const named = clauses.map((clause) => mentions(clause, compiled));
  const anywhere = [...new Set(named.flat())];
  if (anywhere.length === 0)
    return echoStance(
      parent,
      clauses.reduce((sum, c) => sum + clausePolarity(c), 0),
    );
  const scores = new Map<string, number[]>();
  const concerns = new Map<string, string[]>();
  let context: string[] = [];
  clauses.forEach((clause, i) => {
    context = named[i]?.length ? (named[i] ?? []) : context;
    const polarity = clausePolarity(clause);
    if (polarity === 0) return;
    for (const id of context.length ? context : anywhere) {
      scores.set(id, [...(scores.get(id) ?? []), polarity]);
      if (polarity < 0) concerns.set(id, [...(concerns.get(id) ?? []), clause]);
    }
  });
  return [...scores].map(([id, s]) => toMention(id, s, concerns.get(id) ?? []));
}
