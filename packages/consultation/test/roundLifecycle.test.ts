import { createManualClock, createSequentialIds, isQuanziError } from '@quanzi/core';
import { describe, expect, it } from 'vitest';
import {
  analyzeRound,
  type ChannelAdapter,
  closeRound,
  collectFeedback,
  createFeedbackInbox,
  createMemoryChannel,
  createRound,
  type Feedback,
  publishDecision,
  publishRound,
  type Round,
  recordDecision,
  startNextRound,
} from '../src/index';
import { options } from './fixtures/squareCorpus';

const item = {
  title: { en: 'Evenings on Xinhua Square', 'zh-CN': '新华广场晚间使用' },
  body: {
    en: 'Three options. '.repeat(30),
    'zh-CN': '广场晚间使用有三个方案，请发表意见。'.repeat(10),
  },
  media: [{ type: 'image' as const, url: 'https://example.org/square.jpg' }],
  link: 'https://portal.example.org/r/1',
};

function setup() {
  const clock = createManualClock('2026-12-01T00:00:00Z');
  const ids = createSequentialIds();
  const weibo = createMemoryChannel('weibo', ids);
  const x = createMemoryChannel('x', ids);
  const douyin = createMemoryChannel('douyin', ids);
  const draft = createRound(
    {
      circleId: 'xinhua',
      item,
      options,
      channels: ['weibo', 'x', 'douyin', 'sms'],
      closesAt: '2026-12-04T00:00:00Z',
    },
    { clock, ids },
  );
  return { clock, ids, weibo, x, douyin, draft };
}

const comment = (
  postId: string,
  id: string,
  author: string,
  text: string,
  at: string,
): Feedback => ({
  id,
  postId,
  kind: 'comment',
  author,
  text,
  at,
});

describe('a consultation round end to end', () => {
  it('creates, publishes per channel, collects, decides, reopens for feedback and links the next round', async () => {
    const { clock, ids, weibo, x, douyin, draft } = setup();
    expect(draft).toMatchObject({
      id: 'round-1',
      number: 1,
      state: 'draft',
      createdAt: '2026-12-01T00:00:00.000Z',
    });

    clock.advance(3_600_000);
    const published = await publishRound(draft, { adapters: [weibo, x, douyin], clock });
    expect(published.round.state).toBe('open');
    expect(published.round.opensAt).toBe('2026-12-01T01:00:00.000Z');
    expect(published.round.publications.map((p) => p.channel)).toEqual(['weibo', 'x']);
    expect(published.skipped).toEqual([
      { channel: 'douyin', reason: 'needs_video' },
      { channel: 'sms', reason: 'no_adapter' },
    ]);
    expect(douyin.posts()).toEqual([]);
    expect(weibo.posts()[0]?.rendition.locale).toBe('zh-CN');
    expect(x.posts()[0]?.rendition.locale).toBe('en');
    expect(weibo.posts()[0]?.rendition.truncated).toBe(true);

    let round: Round = published.round;
    const [wPost, xPost] = round.publications;
    weibo.receive(comment(wPost?.postId ?? '', 'w1', 'p1', '支持方案一', '2026-12-01T02:00:00Z'));
    x.receive(
      comment(xPost?.postId ?? '', 'x1', 'p2', 'I oppose option A', '2026-12-01T03:00:00Z'),
    );
    const inbox = createFeedbackInbox();
    const adapters: ChannelAdapter[] = [weibo, x];
    expect(await collectFeedback(round, adapters, inbox)).toMatchObject({
      counted: 2,
      rejected: [],
    });
    expect(await collectFeedback(round, adapters, inbox)).toMatchObject({
      counted: 0,
      duplicates: 2,
    });

    clock.set('2026-12-02T00:00:00Z');
    round = closeRound(round, clock);
    expect(round).toMatchObject({ state: 'closed', closesAt: '2026-12-02T00:00:00.000Z' });
    weibo.receive(comment(wPost?.postId ?? '', 'w2', 'p3', '支持方案二', '2026-12-02T05:00:00Z'));
    const late = await collectFeedback(round, adapters, inbox);
    expect(late.rejected.map((r) => [r.channel, r.reason])).toEqual([['weibo', 'outside_window']]);

    const rationale = { en: 'Quiet evenings matter most.', 'zh-CN': '晚间安静最重要。' };
    round = recordDecision(
      round,
      { optionId: 'dance_curfew', rationale, feedbackHours: 48 },
      { clock, ids },
    );
    expect(round.decision).toMatchObject({
      optionId: 'dance_curfew',
      decidedAt: '2026-12-02T00:00:00.000Z',
    });

    clock.advance(3_600_000);
    const announced = await publishDecision(round, { adapters, clock });
    round = announced.round;
    expect(round.state).toBe('decision_published');
    expect(round.decision?.feedbackUntil).toBe('2026-12-04T01:00:00.000Z');
    const decisionPost = weibo.posts()[1];
    expect(decisionPost?.kind).toBe('decision');
    expect(decisionPost?.rendition.text).toContain('采纳：广场舞限时至21点并限音量');

    const dPost = round.publications.find((p) => p.kind === 'decision' && p.channel === 'weibo');
    weibo.receive(
      comment(dPost?.postId ?? '', 'w3', 'p4', '同意这个决定', '2026-12-02T06:00:00Z'),
      comment(dPost?.postId ?? '', 'w4', 'p5', '太晚了', '2026-12-04T02:00:00Z'),
    );
    const reactions = await collectFeedback(round, adapters, inbox);
    expect(reactions.counted).toBe(1);
    expect(reactions.rejected.map((r) => r.reason)).toContain('outside_window');
    expect(analyzeRound(round, inbox.entries(), { phase: 'decision' }).totals.counted).toBe(1);
    expect(analyzeRound(round, inbox.entries()).totals.counted).toBe(2);

    const next = startNextRound(round, { item, closesAt: '2026-12-10T00:00:00Z' }, { clock, ids });
    expect(next).toMatchObject({
      number: 2,
      previousRoundId: round.id,
      state: 'draft',
      options: round.options,
    });
  });

  it('refuses steps out of order and leaves the round unchanged', async () => {
    const { clock, ids, draft } = setup();
    const before = structuredClone(draft);
    const attempts = [
      () => closeRound(draft, clock),
      () =>
        recordDecision(
          draft,
          { optionId: null, rationale: { en: 'x', 'zh-CN': 'x' } },
          { clock, ids },
        ),
      () => startNextRound(draft, { item, closesAt: '2026-12-10T00:00:00Z' }, { clock, ids }),
    ];
    for (const attempt of attempts)
      expect(attempt).toThrow(expect.objectContaining({ code: 'invalid_transition' }));
    await expect(publishDecision(draft, { adapters: [], clock })).rejects.toMatchObject({
      code: 'invalid_transition',
    });
    expect(draft).toEqual(before);
  });

  it('rejects bad input with field paths in both languages', async () => {
    const { clock, ids, weibo } = setup();
    const attempt = (input: unknown) => {
      try {
        createRound(input as never, { clock, ids });
      } catch (error) {
        return isQuanziError(error) ? error : undefined;
      }
    };
    expect(
      attempt({
        circleId: 'x',
        item,
        options: [...options, options[0]],
        channels: ['weibo'],
        closesAt: '2026-12-04T00:00:00Z',
      })?.path,
    ).toEqual(['options']);
    expect(
      attempt({
        circleId: 'x',
        item,
        options,
        channels: ['weibo'],
        closesAt: '2026-11-01T00:00:00Z',
      })?.path,
    ).toEqual(['closesAt']);
    expect(
      attempt({
        circleId: 'x',
        item,
        options,
        channels: ['Weibo!'],
        closesAt: '2026-12-04T00:00:00Z',
      })?.localized('zh-CN'),
    ).toContain('只能使用小写字母');

    const { round } = await publishRound(
      createRound(
        { circleId: 'x', item, options, channels: ['weibo'], closesAt: '2026-12-04T00:00:00Z' },
        { clock, ids },
      ),
      { adapters: [weibo], clock },
    );
    const closed = closeRound(round, clock);
    expect(() =>
      recordDecision(
        closed,
        { optionId: 'nope', rationale: { en: 'x', 'zh-CN': 'x' } },
        { clock, ids },
      ),
    ).toThrow(expect.objectContaining({ code: 'invalid_input', path: ['decision', 'optionId'] }));
  });

  it('keeps a draft when every channel fails, and says why', async () => {
    const { clock, draft } = setup();
    const broken: ChannelAdapter = {
      channel: 'weibo',
      publish: () => Promise.reject(new Error('rate limited')),
      fetchFeedback: async () => [],
    };
    const outcome = await publishRound(draft, { adapters: [broken], clock });
    expect(outcome.round).toBe(draft);
    expect(outcome.skipped[0]).toMatchObject({ channel: 'weibo', reason: 'failed' });
  });
});
