import type { IdSource } from '@quanzi/core';
import {
  type ChannelAdapter,
  type ChannelPost,
  type FeedbackQuery,
  matchesQuery,
  type PublishReceipt,
} from './ChannelAdapter';

/** A {@link ChannelAdapter} that keeps posts and feedback in memory. */
export interface MemoryChannel extends ChannelAdapter {
  /** Everything posted so far, with the post ids handed out. */
  posts(): ReadonlyArray<ChannelPost & PublishReceipt>;
  /** Feedback arriving on the channel, as a connector would deliver it. */
  receive(...records: unknown[]): void;
}

/**
 * An in-memory channel for tests, demos and simulations: `publish` records the
 * post, `receive` plays the public's part.
 *
 * @example
 * const weibo = createMemoryChannel('weibo', createSequentialIds());
 * weibo.receive({ id: 'c1', postId, kind: 'comment', author: 'p1', text: '支持方案一', at });
 */
export function createMemoryChannel(channel: string, ids: IdSource): MemoryChannel {
  const posts: Array<ChannelPost & PublishReceipt> = [];
  const inbox: unknown[] = [];
  return {
    channel,
    async publish(post) {
      const receipt = { postId: ids.next(`${channel}-post`) };
      posts.push({ ...post, ...receipt });
      return receipt;
    },
    async fetchFeedback(query: FeedbackQuery) {
      return inbox.filter((record) => matchesQuery(record, query));
    },
    posts: () => [...posts],
    receive(...records) {
      inbox.push(...records);
    },
  };
}
