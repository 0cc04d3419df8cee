import type { Media } from '@quanzi/core';
import type { ChannelProfile } from './channelProfiles';
import type { ConsultationItem } from './round';

/** The item as one channel will carry it. */
export interface Rendition {
  readonly channel: string;
  readonly locale: ChannelProfile['locale'];
  readonly text: string;
  readonly media: readonly Media[];
  /** True when the body was cut to fit; the text then ends with the item's link if it has one. */
  readonly truncated: boolean;
  /** Media left out because the channel carries fewer or none. */
  readonly droppedMedia: number;
}

/** The outcome of {@link renderItem}: a rendition, or why the channel cannot carry the item. */
export type RenditionResult =
  | { readonly ok: true; readonly rendition: Rendition }
  | { readonly ok: false; readonly channel: string; readonly reason: 'needs_video' };

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const wide =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

function weightOf(grapheme: string, unit: ChannelProfile['lengthUnit']): number {
  return unit === 'weighted' && wide.test(grapheme) ? 2 : 1;
}

/**
 * The length of `text` as a channel counts it: graphemes (an emoji is one), or
 * weighted graphemes where CJK counts two.
 *
 * @example
 * measureLength('共享单车', 'weighted'); // 8
 */
export function measureLength(text: string, unit: ChannelProfile['lengthUnit']): number {
  let total = 0;
  for (const { segment } of graphemes.segment(text)) total += weightOf(segment, unit);
  return total;
}

/** The longest prefix of `text` (whole graphemes) whose length is at most `budget`. */
function cut(text: string, budget: number, unit: ChannelProfile['lengthUnit']): string {
  let used = 0;
  let end = 0;
  for (const { segment, index } of graphemes.segment(text)) {
    used += weightOf(segment, unit);
    if (used > budget) break;
    end = index + segment.length;
  }
  return text.slice(0, end).trimEnd();
}

function heading(title: string, format: ChannelProfile['format']): string {
  return format === 'markdown' ? `## ${title}` : `【${title}】`;
}

function pickMedia(media: readonly Media[], profile: ChannelProfile): Media[] {
  const images = media.filter((m) => m.type === 'image').slice(0, profile.maxImages);
  const videos = media.filter((m) => m.type === 'video').slice(0, profile.maxVideos);
  return [...videos, ...images];
}

/**
 * Renders the item for one channel: its language, its format, its media, and a
 * body cut at a grapheme boundary so the whole post fits the channel's limit
 * (the link to the full text is kept after the cut).
 *
 * @example
 * const result = renderItem(round.item, weiboProfile);
 * if (result.ok) adapter.publish({ roundId: round.id, kind: 'consultation', rendition: result.rendition });
 */
export function renderItem(item: ConsultationItem, profile: ChannelProfile): RenditionResult {
  const media = pickMedia(item.media, profile);
  if (profile.requiresVideo && !media.some((m) => m.type === 'video'))
    return { ok: false, channel: profile.id, reason: 'needs_video' };
  const separator = profile.format === 'markdown' ? '\n\n' : '';
  const head = `${heading(item.title[profile.locale], profile.format)}${separator}`;
  const body = item.body[profile.locale];
  const full = `${head}${body}`;
  const unit = profile.lengthUnit;
  const base = {
    channel: profile.id,
    locale: profile.locale,
    media,
    droppedMedia: item.media.length - media.length,
  };
  if (measureLength(full, unit) <= profile.maxLength)
    return { ok: true, rendition: { ...base, text: full, truncated: false } };
  const linked = item.link ? `… ${item.link}` : '…';
  // A link that would eat half the post is left out rather than the text.
  const tail = measureLength(linked, unit) <= profile.maxLength / 2 ? linked : '…';
  const budget = profile.maxLength - measureLength(head, unit) - measureLength(tail, unit);
  // A limit too small for the heading leaves the heading itself to be cut.
  const text =
    budget > 0
      ? `${head}${cut(body, budget, unit)}${tail}`
      : `${cut(full, profile.maxLength - measureLength(tail, unit), unit)}${tail}`;
  return { ok: true, rendition: { ...base, text, truncated: true } };
}
