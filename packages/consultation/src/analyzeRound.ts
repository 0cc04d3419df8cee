import { parseInput } from '@quanzi/core';
import * as z from 'zod';
import { clusterTopics, type Topic } from './clusterTopics';
import { detectStance, echoStance, type StanceMention } from './detectStance';
import { evolveTopics, type TopicEvolution, timeWindows } from './evolveTopics';
import type { FeedbackEntry } from './feedback';
import { type Coverage, CoverageExpectationSchema, measureCoverage } from './measureCoverage';
import { type Keyphrase, rankKeyphrases, type TermDocument } from './rankKeyphrases';
import type { Round } from './round';
import { type OptionScore, type StanceVoice, scoreOptions } from './scoreOptions';
import { pureStanceWords } from './stanceLexicon';
import { extractTerms, segmentWords } from './text';

/** How to analyse a round; every field has a default. */
export const AnalysisOptionsSchema = z.strictObject({
  /** Analyse answers to the consultation (default) or to the published decision. */
  phase: z.enum(['consultation', 'decision']).default('consultation'),
  /** Term → canonical term, e.g. `{ noise: '噪音' }`, to merge languages and spellings. */
  synonyms: z.record(z.string().min(1), z.string().min(1)).default({}),
  windowHours: z
    .number()
    .positive()
    .max(24 * 90)
    .default(24),
  maxTopics: z.number().int().min(1).max(50).default(8),
  keyphrases: z.number().int().min(1).max(500).default(30),
  coverage: CoverageExpectationSchema.optional(),
});

/** Analysis options as accepted on input. */
export type AnalysisOptionsInput = z.input<typeof AnalysisOptionsSchema>;

/** Everything the center needs to evaluate a round (steps 3 and 4 of the route). */
export interface RoundAnalysis {
  readonly roundId: string;
  readonly phase: 'consultation' | 'decision';
  readonly totals: {
    readonly counted: number;
    readonly damped: number;
    readonly authors: number;
    readonly reactions: number;
  };
  readonly keyphrases: readonly Keyphrase[];
  readonly topics: readonly Topic[];
  readonly evolution: TopicEvolution;
  readonly options: readonly OptionScore[];
  readonly coverage: Coverage;
}

function exclusions(round: Round, synonyms: Record<string, string>): Set<string> {
  const out = new Set<string>(pureStanceWords);
  for (const option of round.options)
    for (const alias of option.aliases) {
      out.add(alias.toLowerCase());
      for (const token of segmentWords(alias)) out.add(synonyms[token.word] ?? token.word);
    }
  return out;
}

/** Stances of every entry; replies and reactions that name no option echo their parent. */
function stancesOf(round: Round, entries: readonly FeedbackEntry[]): Map<string, StanceMention[]> {
  const found = new Map<string, StanceMention[]>();
  for (const entry of entries) {
    const parent = entry.parentId ? (found.get(`${entry.channel}|${entry.parentId}`) ?? []) : [];
    const stances =
      entry.kind === 'reaction'
        ? echoStance(parent, entry.reaction === 'like' ? 1 : -1)
        : detectStance(entry.text ?? '', round.options, parent);
    found.set(`${entry.channel}|${entry.id}`, stances);
  }
  return found;
}

/**
 * Analyses a round's feedback: keyphrases, topics and their evolution across
 * time windows, stance toward each option, and coverage by area and group.
 * Damped entries are left out; every count of people counts each author once.
 *
 * @example
 * const analysis = analyzeRound(round, inbox.entries(), { synonyms: { noise: '噪音' } });
 * analysis.topics[0].keywords; // ['噪音', '音响', …]
 */
export function analyzeRound(
  round: Round,
  entries: readonly FeedbackEntry[],
  input: AnalysisOptionsInput = {},
): RoundAnalysis {
  const options = parseInput(AnalysisOptionsSchema, input, { path: ['options'] });
  const mine = entries.filter((e) => e.roundId === round.id && e.phase === options.phase);
  const counted = mine.filter((e) => e.status === 'counted');
  const termOptions = { synonyms: options.synonyms, exclude: exclusions(round, options.synonyms) };
  const termsOf = (text: string) => extractTerms(text, termOptions);
  const texts = counted.filter((e) => e.text !== undefined);
  const docs: TermDocument[] = texts.map((e) => ({
    id: e.id,
    author: e.author,
    terms: termsOf(e.text ?? ''),
  }));
  const candidates = rankKeyphrases(docs, { limit: Math.max(60, options.keyphrases) });
  const topics = clusterTopics(docs, candidates, { maxTopics: options.maxTopics });
  const stances = stancesOf(round, mine);
  const voices: StanceVoice[] = counted.map((e) => ({
    ...e,
    stances: stances.get(`${e.channel}|${e.id}`) ?? [],
  }));
  const start =
    options.phase === 'consultation'
      ? round.opensAt
      : round.publications.find((p) => p.kind === 'decision')?.publishedAt;
  const end = options.phase === 'consultation' ? round.closesAt : round.decision?.feedbackUntil;
  return {
    roundId: round.id,
    phase: options.phase,
    totals: {
      counted: counted.length,
      damped: mine.length - counted.length,
      authors: new Set(counted.map((e) => e.author)).size,
      reactions: counted.length - texts.length,
    },
    keyphrases: candidates.slice(0, options.keyphrases),
    topics,
    evolution: evolveTopics(
      topics,
      texts,
      start && end ? timeWindows(start, end, options.windowHours) : [],
    ),
    options: scoreOptions(voices, round.options, termsOf),
    coverage: measureCoverage(counted, options.coverage),
  };
}
