import * as fs from 'node:fs/promises';
import { join } from 'node:path';
import {
  analyzeRound,
  closeRound,
  collectFeedback,
  createFeedbackInbox,
  createJsonlChannel,
  createMemoryChannel,
  createRound,
  publishDecision,
  publishRound,
  type Round,
  type RoundAnalysis,
  recordDecision,
  startNextRound,
} from '@quanzi/consultation';
import { createManualClock, createSequentialIds } from '@quanzi/core';
import { flood, smsVoices, type Voice, weiboVoices } from './voices';

const opened = Date.parse('2026-12-01T00:00:00Z');
const at = (hour: number) => new Date(opened + hour * 3_600_000).toISOString();

/** Everything one round produced, for the printout and the tests. */
export interface ConsultationRun {
  readonly analysis: RoundAnalysis;
  readonly collected: { counted: number; damped: number; duplicates: number };
  readonly decided: Round;
  readonly next: Round;
  readonly smsOutbox: string;
}

/**
 * Runs the article's five steps once: the center creates a round about evening
 * dancing on the square, publishes it to Weibo (in memory) and SMS (JSON Lines
 * files in `dir`), collects and analyses what residents say, decides with a
 * rationale, publishes the decision and opens the next round.
 */
export async function runConsultation(dir: string): Promise<ConsultationRun> {
  const clock = createManualClock(opened);
  const ids = createSequentialIds('round');
  const weibo = createMemoryChannel('weibo', ids);
  const outboxPath = join(dir, 'sms-out.jsonl');
  const inboxPath = join(dir, 'sms-in.jsonl');
  const sms = createJsonlChannel({ channel: 'sms', outboxPath, inboxPath, files: fs, ids });

  const draft = createRound(
    {
      circleId: 'xinhua',
      item: {
        title: { en: 'Evenings on Xinhua Square', 'zh-CN': '新华广场晚间使用方案征求意见' },
        body: {
          en: 'Dancing on the square is loved and loud. Which option do you prefer, and why?',
          'zh-CN': '广场舞深受欢迎，但也带来噪音。您支持哪个方案？为什么？',
        },
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
      channels: ['weibo', 'sms'],
      closesAt: at(48),
    },
    { clock, ids },
  );
  let { round } = await publishRound(draft, { adapters: [weibo, sms], clock });
  const postOf = (channel: string) =>
    round.publications.find((p) => p.channel === channel)?.postId ?? '';

  // Residents answer: Weibo comments arrive in memory, SMS replies land in the inbox file.
  const asFeedback = (postId: string) => (voice: Voice, i: number) => ({
    id: `${voice.author}-${i}`,
    postId,
    kind: 'comment' as const,
    author: voice.author,
    text: voice.text,
    at: at(voice.hour),
    area: voice.area,
    group: voice.group,
  });
  for (const feedback of [...weiboVoices, ...flood].map(asFeedback(postOf('weibo'))))
    weibo.receive(feedback);
  const smsLines = smsVoices.map(asFeedback(postOf('sms'))).map((f) => JSON.stringify(f));
  await fs.writeFile(inboxPath, `${smsLines.join('\n')}\n`);

  clock.set(at(48));
  const inbox = createFeedbackInbox();
  const collected = await collectFeedback(round, [weibo, sms], inbox);
  const analysis = analyzeRound(round, inbox.entries(), {
    synonyms: { noise: '噪音', lights: '路灯' },
    coverage: {
      areas: { north: 1, south: 1, east: 1, west: 1, centre: 1 },
      groups: { elderly: 1, families: 1, workers: 1, renters: 1 },
    },
  });

  round = closeRound(round, clock);
  const best = [...analysis.options].sort((a, b) => b.supporters - a.supporters)[0];
  round = recordDecision(
    round,
    {
      optionId: best?.optionId ?? 'curfew',
      rationale: {
        en: 'Most residents who spoke asked for quiet after 21:00; riverside lighting will be reviewed.',
        'zh-CN': '多数发言居民希望21点后保持安静；河边照明问题将另行研究。',
      },
    },
    { clock, ids },
  );
  ({ round } = await publishDecision(round, { adapters: [weibo, sms], clock }));
  const next = startNextRound(
    round,
    {
      item: {
        title: { en: 'Lighting the riverside path', 'zh-CN': '河边步道照明方案' },
        body: { en: 'Where should new lights go?', 'zh-CN': '新路灯应装在哪里？' },
      },
      closesAt: at(24 * 14),
    },
    { clock, ids },
  );
  return {
    analysis,
    collected: {
      counted: collected.counted,
      damped: collected.damped,
      duplicates: collected.duplicates,
    },
    decided: round,
    next,
    smsOutbox: await fs.readFile(outboxPath, 'utf8'),
  };
}
