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
