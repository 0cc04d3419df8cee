import {
  bilingualMessage,
  IdSchema,
  InstantSchema,
  LocalizedTextSchema,
  MediaSchema,
} from '@quanzi/core';
import * as z from 'zod';

/** A name for a channel: a social-media account, a portal page, an SMS list. */
export const ChannelIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(
    /^[a-z0-9_-]+$/,
    bilingualMessage({
      en: 'Use lowercase letters, digits, _ and -',
      'zh-CN': '只能使用小写字母、数字、_ 和 -',
    }),
  );

/**
 * What the command center puts to the public (step 1 of the round): a title, a
 * body, and image or video references, in both languages.
 */
export const ConsultationItemSchema = z.strictObject({
  title: LocalizedTextSchema,
  body: LocalizedTextSchema,
  media: z.array(MediaSchema).max(20).default([]),
  /** Where the full text lives; renditions that must be cut link here. */
  link: z
    .string()
    .max(2048)
    .regex(/^https?:\/\/\S+$/)
    .optional(),
});

/**
 * One option the center asks about. `aliases` are the ways people name it in
 * comments (`方案一`, `option A`); stance detection looks for them.
 */
export const OptionSchema = z.strictObject({
  id: IdSchema,
  label: LocalizedTextSchema,
  aliases: z.array(z.string().min(1).max(100)).min(1).max(20),
});

/** Where a round is in the five-step route. */
export const RoundStateSchema = z.enum([
  'draft',
  'open',
  'closed',
  'decided',
  'decision_published',
]);

/** A post made on one channel: the consultation itself or the decision. */
export const PublicationSchema = z.strictObject({
  channel: ChannelIdSchema,
  postId: z.string().min(1).max(200),
  kind: z.enum(['consultation', 'decision']),
  publishedAt: InstantSchema,
  url: z.string().max(2048).optional(),
});

/** The center's decision: the chosen option (or none), why, and how long people may answer. */
export const DecisionSchema = z.strictObject({
  id: IdSchema,
  optionId: z.nullable(IdSchema),
  rationale: LocalizedTextSchema,
  decidedAt: InstantSchema,
  /** How long the feedback window stays open once the decision is published. */
  feedbackHours: z
    .number()
    .positive()
    .max(24 * 90),
  /** The end of that window, set when the decision is published. */
  feedbackUntil: z.optional(InstantSchema),
});

/**
 * A consultation round (公共决策众包): an item, its options and channels, where
 * it was published, the decision, and the round it follows.
 */
export const RoundSchema = z.strictObject({
  id: IdSchema,
  circleId: IdSchema,
  /** 1 for a first round; the previous round's number plus one after it. */
  number: z.number().int().min(1),
  previousRoundId: z.optional(IdSchema),
  item: ConsultationItemSchema,
  options: z.array(OptionSchema).min(1).max(20),
  channels: z.array(ChannelIdSchema).min(1).max(20),
  state: RoundStateSchema,
  createdAt: InstantSchema,
  opensAt: z.optional(InstantSchema),
  closesAt: InstantSchema,
  publications: z.array(PublicationSchema).default([]),
  decision: DecisionSchema.optional(),
});

/** A consultation item. */
export type ConsultationItem = z.infer<typeof ConsultationItemSchema>;
/** A consultation item as accepted on input. */
export type ConsultationItemInput = z.input<typeof ConsultationItemSchema>;
/** An option of a round. */
export type Option = z.infer<typeof OptionSchema>;
/** A round's state. */
export type RoundState = z.infer<typeof RoundStateSchema>;
/** A post on one channel. */
export type Publication = z.infer<typeof PublicationSchema>;
/** A recorded decision. */
export type Decision = z.infer<typeof DecisionSchema>;
/** A consultation round. */
export type Round = z.infer<typeof RoundSchema>;
/** A channel name. */
export type ChannelId = z.infer<typeof ChannelIdSchema>;
