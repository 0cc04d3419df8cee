import { isQuanziError } from '@quanzi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFeedbackInbox, type Round } from '../src/index';

const round: Round = {
  id: 'round-1',
  circleId: 'xinhua',
  number: 1,
  item: { title: { en: 't', 'zh-CN': 't' }, body: { en: 'b', 'zh-CN': 'b' }, media: [] },
  options: [{ id: 'a', label: { en: 'A', 'zh-CN': '甲' }, aliases: ['方案一'] }],
  channels: ['weibo'],
  state: 'open',
  createdAt: '2026-12-01T00:00:00Z',
  opensAt: '2026-12-01T00:00:00Z',
  closesAt: '2026-12-02T00:00:00Z',
  publications: [
    { channel: 'weibo', postId: 'w1', kind: 'consultation', publishedAt: '2026-12-01T00:00:00Z' },
  ],
};
const source = { round, channel: 'weibo' };
const at = (minutes: number) =>
  new Date(Date.parse('2026-12-01T01:00:00Z') + minutes * 60_000).toISOString();
const comment = (id: string, author: string, text: string, minutes = 0) => ({
  id,
  postId: 'w1',
  kind: 'comment',
  author,
  text,
  at: at(minutes),
});

describe('createFeedbackInbox', () => {
  it('drops a record seen before and an author repeating themselves', () => {
    const inbox = createFeedbackInbox();
    expect(inbox.ingest([comment('1', 'p1', '支持方案一，音量要限制')], source).counted).toBe(1);
    const again = inbox.ingest(
      [
        comment('1', 'p1', '支持方案一，音量要限制'),
        comment('2', 'p1', '支持方案一！音量要限制！！', 5),
        comment('3', 'p2', '支持方案一，音量要限制', 6),
      ],
      source,
    );
    expect(again).toMatchObject({ counted: 1, duplicates: 2, damped: 0 });
    expect(inbox.entries().map((e) => e.id)).toEqual(['1', '3']);
  });

  it('damps an author beyond the hourly rate but keeps the entries visible', () => {
    const inbox = createFeedbackInbox({ maxPerAuthor: 3, windowMinutes: 60, nearDuplicate: 0.8 });
    const texts = ['停车位不够', '路灯太暗', '音响太吵', '老人走路远', '单车乱停', '广场太挤'];
    const report = inbox.ingest(
      texts.map((t, i) => comment(`${i}`, 'p1', t, i)),
      source,
    );
    expect(report).toMatchObject({ counted: 3, damped: 3, duplicates: 0 });
    const later = inbox.ingest([comment('9', 'p1', '摄像头要补', 120)], source);
    expect(later.counted).toBe(1);
    expect(
      inbox
        .entries()
        .filter((e) => e.status === 'damped')
        .map((e) => e.id),
    ).toEqual(['3', '4', '5']);
  });

  it('keeps one reaction per author, comment and kind', () => {
    const inbox = createFeedbackInbox();
    const like = (id: string) => ({
      id,
      postId: 'w1',
      kind: 'reaction',
      parentId: 'c1',
      author: 'p2',
      reaction: 'like',
      at: at(1),
    });
    expect(inbox.ingest([like('x1'), like('x2')], source)).toMatchObject({
      counted: 1,
      duplicates: 1,
    });
  });

  it('rejects invalid records, unknown posts and feedback outside the window, naming the index', () => {
    const inbox = createFeedbackInbox();
    const report = inbox.ingest(
      [
        { ...comment('1', 'p1', 'x'), text: undefined },
        'not json',
        { ...comment('2', 'p1', 'ok'), postId: 'other' },
        { ...comment('3', 'p1', 'late'), at: '2026-12-03T00:00:00Z' },
        { ...comment('4', 'p1', 'early'), at: '2026-11-30T00:00:00Z' },
      ],
      source,
    );
    expect(report.rejected.map((r) => [r.index, r.reason])).toEqual([
      [0, 'invalid'],
      [1, 'invalid'],
      [2, 'unknown_post'],
      [3, 'outside_window'],
      [4, 'outside_window'],
    ]);
    const error = report.rejected[0]?.error;
    expect(isQuanziError(error) && error.path).toEqual([0, 'text']);
    expect(error?.localized('zh-CN')).toContain('评论或回复需要文字');
    expect(inbox.entries()).toEqual([]);
  });

  it('never counts more than the rate allows for any author in any hour (property)', () => {
    const record = fc.record({
      author: fc.constantFrom('p1', 'p2', 'p3'),
      minutes: fc.integer({ min: 0, max: 600 }),
      text: fc.string({ minLength: 1, maxLength: 12 }),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 60 }), (rows) => {
        const inbox = createFeedbackInbox({
          maxPerAuthor: 2,
          windowMinutes: 60,
          nearDuplicate: 0.8,
        });
        inbox.ingest(
          rows.map((r, i) => comment(`${i}`, r.author, r.text, r.minutes)),
          source,
        );
        const counted = inbox.entries().filter((e) => e.status === 'counted');
        return counted.every((e) => {
          const t = Date.parse(e.at);
          const hour = counted.filter(
            (o) =>
              o.author === e.author && Date.parse(o.at) >= t && Date.parse(o.at) - t < 3_600_000,
          );
          return hour.length <= 2;
        });
      }),
      { numRuns: 100 },
    );
  });

  it('takes a batch in time order, so paging order does not change the outcome (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 30 }),
        (minutes) => {
          const records = minutes.map((m, i) =>
            comment(`${i}`, 'p1', `第${i}条意见 ${'abc'.repeat(i % 4)}`, m),
          );
          const forward = createFeedbackInbox();
          const backward = createFeedbackInbox();
          forward.ingest(records, source);
          backward.ingest([...records].reverse(), source);
          const view = (inbox: typeof forward) =>
            inbox
              .entries()
              .map((e) => `${e.id}:${e.status}`)
              .sort();
          expect(view(backward)).toEqual(view(forward));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('takes a batch in only once: fetching it again adds nothing (property)', () => {
    const record = fc.record({
      author: fc.constantFrom('p1', 'p2', 'p3', 'p4'),
      minutes: fc.integer({ min: 0, max: 600 }),
      text: fc.string({ minLength: 1, maxLength: 20 }),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 40 }), (rows) => {
        const inbox = createFeedbackInbox();
        const batch = rows.map((r, i) => comment(`${i}`, r.author, r.text, r.minutes));
        const first = inbox.ingest(batch, source);
        const second = inbox.ingest(batch, source);
        expect(second).toEqual({ counted: 0, damped: 0, duplicates: batch.length, rejected: [] });
        expect(first.counted + first.damped + first.duplicates).toBe(batch.length);
        expect(inbox.entries()).toHaveLength(first.counted + first.damped);
      }),
      { numRuns: 100 },
    );
  });

  it('rejects a policy that would damp everything or nothing', () => {
    expect(() =>
      createFeedbackInbox({ maxPerAuthor: 0, windowMinutes: 60, nearDuplicate: 0.8 }),
    ).toThrow(expect.objectContaining({ code: 'invalid_input', path: ['policy', 'maxPerAuthor'] }));
    expect(() =>
      createFeedbackInbox({ maxPerAuthor: 5, windowMinutes: 60, nearDuplicate: 0 }),
    ).toThrow(expect.objectContaining({ path: ['policy', 'nearDuplicate'] }));
  });
});
