import { type Clock, type LocalizedText, localize, parseInput } from '@quanzi/core';
import type { ChannelAdapter } from './ChannelAdapter';
import {
  type ChannelProfile,
  type ChannelProfileInput,
  ChannelProfileSchema,
  defaultChannelProfiles,
} from './channelProfiles';
import { expectState } from './expectState';
import { type Rendition, renderItem } from './renderItem';
import type { ConsultationItem, Publication, Round } from './round';

/** What publishing needs: the adapters, the clock, and channel profiles if not the defaults. */
export interface PublishContext {
  readonly adapters: readonly ChannelAdapter[];
  readonly clock: Clock;
  readonly profiles?: readonly ChannelProfileInput[];
}

/** A channel that was not posted to, and why. */
export interface SkippedChannel {
  readonly channel: string;
  readonly reason: 'no_profile' | 'no_adapter' | 'needs_video' | 'failed';
  readonly cause?: unknown;
}

/** The outcome of publishing: the round after it, what was posted and what was not. */
export interface PublishOutcome {
  readonly round: Round;
  readonly renditions: readonly Rendition[];
  readonly skipped: readonly SkippedChannel[];
}

async function postTo(
  round: Round,
  kind: Publication['kind'],
  item: ConsultationItem,
  context: PublishContext,
): Promise<{ publications: Publication[]; renditions: Rendition[]; skipped: SkippedChannel[] }> {
  const profiles: ChannelProfile[] = context.profiles
    ? context.profiles.map((p, i) => parseInput(ChannelProfileSchema, p, { path: ['profiles', i] }))
    : [...defaultChannelProfiles];
  const out = {
    publications: [] as Publication[],
    renditions: [] as Rendition[],
    skipped: [] as SkippedChannel[],
  };
  for (const channel of round.channels) {
    const profile = profiles.find((p) => p.id === channel);
    const adapter = context.adapters.find((a) => a.channel === channel);
    if (!profile || !adapter) {
      out.skipped.push({ channel, reason: profile ? 'no_adapter' : 'no_profile' });
      continue;
    }
    const rendered = renderItem(item, profile);
    if (!rendered.ok) {
      out.skipped.push({ channel, reason: rendered.reason });
      continue;
    }
    try {
      const receipt = await adapter.publish({
        roundId: round.id,
        kind,
        rendition: rendered.rendition,
      });
      const publishedAt = context.clock.now();
      out.publications.push({
        channel,
        kind,
        publishedAt,
        postId: receipt.postId,
        ...(receipt.url ? { url: receipt.url } : {}),
      });
      out.renditions.push(rendered.rendition);
    } catch (cause) {
      // One channel being down must not stop the others; the host sees why.
      out.skipped.push({ channel, reason: 'failed', cause });
    }
  }
  return out;
}

/**
 * Publishes a draft round to its channels (step 2 of the route), each in its
 * own rendition. The round opens if at least one channel took the post;
 * otherwise it stays a draft and `skipped` says why.
 *
 * @example
 * const { round: open, skipped } = await publishRound(round, { adapters: [weibo, sms], clock });
 */
export async function publishRound(round: Round, context: PublishContext): Promise<PublishOutcome> {
  expectState(round, ['draft'], 'publish');
  const { publications, renditions, skipped } = await postTo(
    round,
    'consultation',
    round.item,
    context,
  );
  if (publications.length === 0) return { round, renditions, skipped };
  const opened: Round = { ...round, state: 'open', opensAt: context.clock.now(), publications };
  return { round: opened, renditions, skipped };
}

function decisionItem(round: Round, feedbackUntil: string): ConsultationItem {
  const decision = round.decision;
  const chosen = round.options.find((o) => o.id === decision?.optionId);
  const say = (locale: 'en' | 'zh-CN', text: LocalizedText) => localize(text, locale);
  const outcome: LocalizedText = chosen
    ? { en: `Adopted: ${chosen.label.en}.`, 'zh-CN': `采纳：${chosen.label['zh-CN']}。` }
    : { en: 'No option was adopted.', 'zh-CN': '未采纳任何方案。' };
  const rationale = decision?.rationale ?? { en: '', 'zh-CN': '' };
  const until = feedbackUntil.slice(0, 16).replace('T', ' ');
  return {
    ...round.item,
    title: {
      en: `Decision: ${round.item.title.en}`,
      'zh-CN': `决定：${round.item.title['zh-CN']}`,
    },
    body: {
      en: `${say('en', outcome)} ${rationale.en} Comments are open until ${until} UTC.`,
      'zh-CN': `${say('zh-CN', outcome)}${rationale['zh-CN']} 意见征集至 ${until}（UTC）。`,
    },
  };
}

/**
 * Publishes the recorded decision on the round's channels (step 5 of the
 * route) and opens the feedback window: feedback on the decision posts is
 * taken in until `feedbackUntil`.
 */
export async function publishDecision(
  round: Round,
  context: PublishContext,
): Promise<PublishOutcome> {
  expectState(round, ['decided'], 'publish the decision of');
  const decision = round.decision;
  if (!decision) return { round, renditions: [], skipped: [] };
  const feedbackUntil = new Date(
    Date.parse(context.clock.now()) + decision.feedbackHours * 3_600_000,
  ).toISOString();
  const posted = await postTo(round, 'decision', decisionItem(round, feedbackUntil), context);
  if (posted.publications.length === 0)
    return { round, renditions: posted.renditions, skipped: posted.skipped };
  const published: Round = {
    ...round,
    state: 'decision_published',
    decision: { ...decision, feedbackUntil },
    publications: [...round.publications, ...posted.publications],
  };
  return { round: published, renditions: posted.renditions, skipped: posted.skipped };
}
