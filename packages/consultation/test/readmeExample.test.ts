import { createManualClock, createSequentialIds } from '@quanzi/core';
import { expect, it } from 'vitest';
import {
  analyzeRound,
  closeRound,
  collectFeedback,
  createFeedbackInbox,
  createMemoryChannel,
  createRound,
  publishDecision,
  publishRound,
  recordDecision,
  startNextRound,
} from '../src/index';

// The README's usage example, kept runnable so it cannot rot.
it('runs the README example', async () => {
  const clock = createManualClock('2026-12-01T00:00:00Z');
  const ids = createSequentialIds();
  const weibo = createMemoryChannel('weibo', ids);

  const draft = createRound(
    {
      circleId: 'xinhua',
      item: {
        title: { en: 'Evenings on Xinhua Square', 'zh-CN': '新华广场晚间使用' },
        body: { en: 'Which option do you prefer?', 'zh-CN': '您支持哪个方案？' },
      },
      options: [
        {
          id: 'curfew',
          label: { en: 'Dancing until 21:00', 'zh-CN': '限时至21点' },
          aliases: ['方案一', 'option a'],
        },
        {
          id: 'riverside',
          label: { en: 'Move to the riverside', 'zh-CN': '迁至河边' },
          aliases: ['方案二', 'option b'],
        },
      ],
      channels: ['weibo'],
      closesAt: '2026-12-04T00:00:00Z',
    },
    { clock, ids },
  );

  let { round } = await publishRound(draft, { adapters: [weibo], clock });
  const postId = round.publications[0]?.postId ?? '';
  weibo.receive({
    id: 'c1',
    postId,
    kind: 'comment',
    author: 'u1',
    text: '支持方案一，但音量要限制',
    at: '2026-12-01T02:00:00Z',
    area: 'north',
    group: 'elderly',
  });

  const inbox = createFeedbackInbox();
  await collectFeedback(round, [weibo], inbox);
  const analysis = analyzeRound(round, inbox.entries(), {
    synonyms: { noise: '噪音' },
    coverage: { groups: { elderly: 1, renters: 1 } },
  });
  expect(analysis.options[0]?.supporters).toBe(1);
  expect(analysis.coverage.missing.groups).toEqual(['renters']);

  clock.set('2026-12-04T00:00:00Z');
  round = closeRound(round, clock);
  round = recordDecision(
    round,
    {
      optionId: 'curfew',
      rationale: {
        en: 'Most residents asked for quiet evenings.',
        'zh-CN': '多数居民希望晚间安静。',
      },
    },
    { clock, ids },
  );
  ({ round } = await publishDecision(round, { adapters: [weibo], clock }));
  expect(round.state).toBe('decision_published');
  const next = startNextRound(
    round,
    { item: draft.item, closesAt: '2026-12-20T00:00:00Z' },
    { clock, ids },
  );
  expect(next.previousRoundId).toBe(round.id);
});
