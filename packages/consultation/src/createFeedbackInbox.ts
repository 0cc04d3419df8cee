import { parseInput, type QuanziError, safeParseInput } from '@quanzi/core';
import * as z from 'zod';
import { type Feedback, type FeedbackEntry, FeedbackSchema } from './feedback';
import type { Publication, Round } from './round';
import { jaccard, shingles } from './text';

/** How hard the inbox damps repetition and floods. */
export const DampingPolicySchema = z.strictObject({
  /** Counted comments and replies one author may have within `windowMinutes`; more are damped. */
  maxPerAuthor: z.number().int().min(1).max(10_000),
  windowMinutes: z
    .number()
    .positive()
    .max(60 * 24 * 30),
  /** Character-pair similarity at which an author's text counts as a repeat of their earlier text. */
  nearDuplicate: z.number().gt(0).max(1),
});

/** A damping policy. */
export type DampingPolicy = z.infer<typeof DampingPolicySchema>;

/** The defaults: five texts per author per hour; repeats at 80 % similarity. */
export const defaultDampingPolicy: DampingPolicy = {
  maxPerAuthor: 5,
  windowMinutes: 60,
  nearDuplicate: 0.8,
};

/** Why a record was not taken in. */
export type RejectReason = 'invalid' | 'unknown_post' | 'outside_window';

/** What one {@link FeedbackInbox.ingest} call did with its records. */
export interface IngestReport {
  readonly counted: number;
  /** Over their author's rate: kept, but weigh nothing. */
  readonly damped: number;
  /** Already seen (same id, or the same author saying the same thing again): dropped. */
  readonly duplicates: number;
  readonly rejected: ReadonlyArray<{
    readonly index: number;
    readonly reason: RejectReason;
    readonly error?: QuanziError;
  }>;
}

/** Where a batch of records came from. */
export interface IngestSource {
  readonly round: Round;
  readonly channel: string;
}

/**
 * Takes feedback in from any channel: validates it, drops duplicates, damps
 * floods, and keeps what remains for analysis. Pure: no I/O and no clock.
 */
export interface FeedbackInbox {
  ingest(records: readonly unknown[], source: IngestSource): IngestReport;
  /** Everything kept, counted and damped, in the order it was taken in. */
  entries(): readonly FeedbackEntry[];
}

interface AuthorTrail {
  times: number[];
  texts: Set<string>[];
}

function windowOf(round: Round, publication: Publication): string | undefined {
  return publication.kind === 'consultation' ? round.closesAt : round.decision?.feedbackUntil;
}

type Admitted = { feedback: Feedback; publication: Publication };
type Rejected = IngestReport['rejected'][number];

/** Validates one record and checks it answers a post of this round within its window. */
function admit(record: unknown, index: number, round: Round, channel: string): Admitted | Rejected {
  const parsed = safeParseInput(FeedbackSchema, record, { path: [index] });
  if (!parsed.ok) return { index, reason: 'invalid', error: parsed.error };
  const feedback = parsed.value;
  const publication = round.publications.find(
    (p) => p.channel === channel && p.postId === feedback.postId,
  );
  if (!publication) return { index, reason: 'unknown_post' };
  const until = windowOf(round, publication);
  const at = Date.parse(feedback.at);
  if (at < Date.parse(publication.publishedAt) || until === undefined || at > Date.parse(until))
    return { index, reason: 'outside_window' };
  return { feedback, publication };
}

/**
 * Creates an inbox. Each batch is taken in time order, so a flood is judged the
 * same way however the connector paged it.
 *
 * @example
 * const inbox = createFeedbackInbox();
 * const report = inbox.ingest(await weibo.fetchFeedback(query), { round, channel: 'weibo' });
 */
export function createFeedbackInbox(input: DampingPolicy = defaultDampingPolicy): FeedbackInbox {
  const policy = parseInput(DampingPolicySchema, input, { path: ['policy'] });
  const kept: FeedbackEntry[] = [];
  const seenIds = new Set<string>();
  const seenReactions = new Set<string>();
  const trails = new Map<string, AuthorTrail>();
  const windowMs = policy.windowMinutes * 60_000;

  function isRepeat(feedback: Feedback, key: string): boolean {
    if (seenIds.has(key)) return true;
    if (feedback.kind === 'reaction')
      return seenReactions.has(`${feedback.author}|${feedback.parentId}|${feedback.reaction}`);
    const trail = trails.get(feedback.author);
    const mine = shingles(feedback.text ?? '');
    return trail?.texts.some((earlier) => jaccard(earlier, mine) >= policy.nearDuplicate) ?? false;
  }

  function overRate(feedback: Feedback): boolean {
    if (feedback.kind === 'reaction') return false;
    const at = Date.parse(feedback.at);
    const recent = trails.get(feedback.author)?.times.filter((t) => Math.abs(at - t) < windowMs);
    return (recent?.length ?? 0) >= policy.maxPerAuthor;
  }

  function remember(feedback: Feedback, key: string, counted: boolean): void {
    seenIds.add(key);
    if (feedback.kind === 'reaction') {
      seenReactions.add(`${feedback.author}|${feedback.parentId}|${feedback.reaction}`);
      return;
    }
    const trail = trails.get(feedback.author) ?? { times: [], texts: [] };
    trail.texts.push(shingles(feedback.text ?? ''));
    // Comparing with the last hundred texts bounds the cost of a long flood.
    if (trail.texts.length > 100) trail.texts.shift();
    if (counted) trail.times.push(Date.parse(feedback.at));
    trails.set(feedback.author, trail);
  }

  return {
    ingest(records, { round, channel }) {
      const rejected: Rejected[] = [];
      const valid: Admitted[] = [];
      records.forEach((record, index) => {
        const admitted = admit(record, index, round, channel);
        if ('reason' in admitted) rejected.push(admitted);
        else valid.push(admitted);
      });
      valid.sort(
        (a, b) =>
          Date.parse(a.feedback.at) - Date.parse(b.feedback.at) ||
          a.feedback.id.localeCompare(b.feedback.id),
      );
      let counted = 0;
      let damped = 0;
      let duplicates = 0;
      for (const { feedback, publication } of valid) {
        const key = `${channel}|${feedback.id}`;
        if (isRepeat(feedback, key)) {
          duplicates += 1;
          continue;
        }
        const status = overRate(feedback) ? 'damped' : 'counted';
        if (status === 'damped') damped += 1;
        else counted += 1;
        remember(feedback, key, status === 'counted');
        kept.push({ ...feedback, channel, roundId: round.id, phase: publication.kind, status });
      }
      return { counted, damped, duplicates, rejected };
    },
    entries: () => [...kept],
  };
}
