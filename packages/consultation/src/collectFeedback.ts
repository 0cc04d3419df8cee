import type { ChannelAdapter } from './ChannelAdapter';
import type { FeedbackInbox, IngestReport } from './createFeedbackInbox';
import type { Round } from './round';

/** The summed outcome of {@link collectFeedback}, with rejects named by channel and post. */
export interface CollectReport {
  readonly counted: number;
  readonly damped: number;
  readonly duplicates: number;
  readonly rejected: ReadonlyArray<
    IngestReport['rejected'][number] & { readonly channel: string; readonly postId: string }
  >;
}

/**
 * Fetches feedback for every post of the round from its channel's adapter and
 * takes it into the inbox (step 3 of the route). Fetching again is harmless:
 * the inbox drops what it has seen.
 *
 * @example
 * const report = await collectFeedback(round, [weibo, sms], inbox);
 */
export async function collectFeedback(
  round: Round,
  adapters: readonly ChannelAdapter[],
  inbox: FeedbackInbox,
  since?: string,
): Promise<CollectReport> {
  const total = {
    counted: 0,
    damped: 0,
    duplicates: 0,
    rejected: [] as Array<CollectReport['rejected'][number]>,
  };
  for (const publication of round.publications) {
    const adapter = adapters.find((a) => a.channel === publication.channel);
    if (!adapter) continue;
    const records = await adapter.fetchFeedback({
      roundId: round.id,
      postId: publication.postId,
      ...(since ? { since } : {}),
    });
    const report = inbox.ingest(records, { round, channel: publication.channel });
    total.counted += report.counted;
    total.damped += report.damped;
    total.duplicates += report.duplicates;
    for (const reject of report.rejected)
      total.rejected.push({ ...reject, channel: publication.channel, postId: publication.postId });
  }
  return total;
}
