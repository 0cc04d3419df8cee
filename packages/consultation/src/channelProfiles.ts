import * as z from 'zod';
import { ChannelIdSchema } from './round';

/**
 * What one channel accepts: how long a post may be and how length is counted,
 * which media it carries, the language it speaks and its text format.
 * `weighted` counts a CJK character as two, the way X does.
 */
export const ChannelProfileSchema = z.strictObject({
  id: ChannelIdSchema,
  maxLength: z.number().int().min(20).max(100_000),
  lengthUnit: z.enum(['grapheme', 'weighted']).default('grapheme'),
  locale: z.enum(['en', 'zh-CN']),
  format: z.enum(['plain', 'markdown']).default('plain'),
  maxImages: z.number().int().min(0).max(50).default(0),
  maxVideos: z.number().int().min(0).max(10).default(0),
  /** A channel that only carries video posts (a short-video platform). */
  requiresVideo: z.boolean().default(false),
});

/** A channel profile. */
export type ChannelProfile = z.infer<typeof ChannelProfileSchema>;
/** A channel profile as accepted on input. */
export type ChannelProfileInput = z.input<typeof ChannelProfileSchema>;

/**
 * Profiles for common channels. Limits are the usual public ones; a circle whose
 * accounts differ passes its own profiles instead.
 */
export const defaultChannelProfiles: readonly ChannelProfile[] = [
  {
    id: 'weibo',
    maxLength: 140,
    lengthUnit: 'grapheme',
    locale: 'zh-CN',
    format: 'plain',
    maxImages: 9,
    maxVideos: 1,
    requiresVideo: false,
  },
  {
    id: 'wechat',
    maxLength: 20_000,
    lengthUnit: 'grapheme',
    locale: 'zh-CN',
    format: 'markdown',
    maxImages: 20,
    maxVideos: 3,
    requiresVideo: false,
  },
  {
    id: 'douyin',
    maxLength: 1000,
    lengthUnit: 'grapheme',
    locale: 'zh-CN',
    format: 'plain',
    maxImages: 0,
    maxVideos: 1,
    requiresVideo: true,
  },
  {
    id: 'sms',
    maxLength: 70,
    lengthUnit: 'grapheme',
    locale: 'zh-CN',
    format: 'plain',
    maxImages: 0,
    maxVideos: 0,
    requiresVideo: false,
  },
  {
    id: 'x',
    maxLength: 280,
    lengthUnit: 'weighted',
    locale: 'en',
    format: 'plain',
    maxImages: 4,
    maxVideos: 1,
    requiresVideo: false,
  },
  {
    id: 'portal',
    maxLength: 50_000,
    lengthUnit: 'grapheme',
    locale: 'zh-CN',
    format: 'markdown',
    maxImages: 50,
    maxVideos: 10,
    requiresVideo: false,
  },
];
