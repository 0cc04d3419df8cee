import { bilingualMessage, IdSchema, InstantSchema } from '@quanzi/core';
import * as z from 'zod';

const externalId = z.string().min(1).max(200);

/**
 * One piece of feedback as a channel delivers it: a comment on a post, a reply
 * to a comment, or a reaction. `author` is a pseudonym the connector derives
 * (never a real name or handle); `area` and `group` are what the host knows
 * about the author, for coverage.
 */
export const FeedbackSchema = z
  .strictObject({
    /** The channel's own id for this comment, reply or reaction. */
    id: externalId,
    postId: externalId,
    kind: z.enum(['comment', 'reply', 'reaction']),
    /** The comment a reply or reaction answers. */
    parentId: externalId.optional(),
    author: externalId,
    text: z.string().min(1).max(5000).optional(),
    reaction: z.enum(['like', 'dislike']).optional(),
    at: InstantSchema,
    area: z.optional(IdSchema),
    group: z.optional(IdSchema),
  })
  .superRefine((value, ctx) => {
    if (value.kind !== 'reaction' && value.text === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['text'],
        message: bilingualMessage({
          en: 'A comment or reply needs text',
          'zh-CN': '评论或回复需要文字',
        }),
      });
    if (value.kind !== 'comment' && value.parentId === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['parentId'],
        message: bilingualMessage({
          en: 'A reply or reaction needs parentId',
          'zh-CN': '回复或表态需要 parentId',
        }),
      });
    if (value.kind === 'reaction' && value.reaction === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['reaction'],
        message: bilingualMessage({ en: 'A reaction needs its kind', 'zh-CN': '表态需要类型' }),
      });
  });

/** A validated piece of feedback. */
export type Feedback = z.infer<typeof FeedbackSchema>;
/** A piece of feedback as a connector may deliver it. */
export type FeedbackInput = z.input<typeof FeedbackSchema>;

/**
 * Feedback kept by the inbox, with where it came from. `damped` entries were
 * over their author's rate and weigh nothing in analysis; they are kept so the
 * flood stays visible.
 */
export interface FeedbackEntry extends Feedback {
  readonly channel: string;
  readonly roundId: string;
  /** Whether it answers the consultation or the published decision. */
  readonly phase: 'consultation' | 'decision';
  readonly status: 'counted' | 'damped';
}
