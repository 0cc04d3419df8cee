import type { Rendition } from './renderItem';

/** What a round asks a channel to post: the consultation item or the decision, rendered. */
export interface ChannelPost {
  readonly roundId: string;
  readonly kind: 'consultation' | 'decision';
  readonly rendition: Rendition;
}

/** What the channel answers after posting. */
export interface PublishReceipt {
  /** The channel's own id for the post; feedback refers to it. */
  readonly postId: string;
  readonly url?: string;
}

/** Which feedback to fetch: everything under one post, optionally only after `since`. */
export interface FeedbackQuery {
  readonly roundId: string;
  readonly postId: string;
  /** An ISO instant; only feedback strictly after it is wanted. */
  readonly since?: string;
}

/**
 * The port between a round and one channel (a social-media account, a portal
 * page, an SMS gateway). Real connectors belong to the host; Quanzi ships an
 * in-memory one for tests and a JSONL file one for offline exchange.
 *
 * `fetchFeedback` returns records as the channel delivered them; ingestion
 * validates them, so a connector need not.
 */
export interface ChannelAdapter {
  /** The channel this adapter posts to; matches a channel profile id. */
  readonly channel: string;
  publish(post: ChannelPost): Promise<PublishReceipt>;
  fetchFeedback(query: FeedbackQuery): Promise<readonly unknown[]>;
}

/**
 * Whether a delivered record answers `query`: its `postId` matches and it came
 * after `since`. Records that are not objects pass, so ingestion rejects them
 * with a reason instead of an adapter hiding them.
 */
export function matchesQuery(record: unknown, query: FeedbackQuery): boolean {
  if (typeof record !== 'object' || record === null) return true;
  const { postId, at } = record as { postId?: unknown; at?: unknown };
  if (postId !== query.postId) return false;
  return (
    query.since === undefined ||
    (typeof at === 'string' && Date.parse(at) > Date.parse(query.since))
  );
}
