import * as z from 'zod/mini';
import { IdSchema, InstantSchema } from './circle';
import { PointSchema } from './geometry';
import { plainText } from './plainText';

/** A piece of media attached to a report or to submitted evidence. */
export const MediaSchema = z.strictObject({
  type: z.enum(['image', 'video', 'audio', 'document']),
  // A pattern rather than z.url() so the JSON Schema carries the same rule and no
  // `javascript:` link can reach a portal page.
  url: z.string().check(z.maxLength(2048), z.regex(/^(https?|s3|blob):\/\/\S+$/)),
  caption: z.optional(plainText({ max: 500 })),
});

/** How a report reached the circle. `proxy`: a grid worker reporting for someone else. */
export const ChannelSchema = z.enum([
  'web',
  'mobile',
  'sms',
  'mini-program',
  'phone',
  'sensor',
  'proxy',
]);

/** The person a proxy report is made for (the article's digital divide). */
export const ProxySubjectSchema = z.strictObject({
  name: plainText({ min: 1, max: 200 }),
  contact: z.optional(plainText({ max: 200 })),
});

/**
 * Information sent in (信息采集): what was seen, where, by whom and through which
 * channel. A proxy report names the grid worker as reporter and the resident in
 * `proxyFor`.
 */
export const ReportSchema = z.strictObject({
  id: IdSchema,
  circleId: IdSchema,
  reporterId: IdSchema,
  proxyFor: z.optional(ProxySubjectSchema),
  channel: ChannelSchema,
  category: z.optional(IdSchema),
  text: plainText({ min: 1, max: 10_000, multiline: true }),
  media: z._default(z.array(MediaSchema).check(z.maxLength(20)), []),
  location: z.optional(PointSchema),
  /** Hide the reporter's identity from everybody but the command center. */
  anonymous: z._default(z.boolean(), false),
  receivedAt: InstantSchema,
});

/** A report. */
export type Report = z.infer<typeof ReportSchema>;
/** A report as accepted on input. */
export type ReportInput = z.input<typeof ReportSchema>;
/** A media reference. */
export type Media = z.infer<typeof MediaSchema>;
/** A report channel. */
export type Channel = z.infer<typeof ChannelSchema>;
