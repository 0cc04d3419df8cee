import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createManualClock, createSequentialIds, isQuanziError } from '@quanzi/core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  analyzeRound,
  collectFeedback,
  createFeedbackInbox,
  createJsonlChannel,
  type TextFilePort,
} from '../src/index';
import { openSquareRound, records, runCorpus } from './fixtures/runCorpus';
import { comments, flood, opensAt, synonyms } from './fixtures/squareCorpus';

const dir = await fs.mkdtemp(join(tmpdir(), 'quanzi-jsonl-'));
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

async function openJsonlRound(name: string) {
  const clock = createManualClock(opensAt);
  const ids = createSequentialIds();
  const paths = {
    outboxPath: join(dir, `${name}-out.jsonl`),
    inboxPath: join(dir, `${name}-in.jsonl`),
  };
  const portal = createJsonlChannel({ channel: 'portal', ...paths, files: fs, ids });
  const round = await openSquareRound(portal, clock, ids);
  return { round, portal, paths };
}

describe('createJsonlChannel', () => {
  it('appends each post to the outbox as one JSON line', async () => {
    const { round, paths } = await openJsonlRound('posts');
    const lines = (await fs.readFile(paths.outboxPath, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(1);
    const post = JSON.parse(lines[0] ?? '');
    expect(post).toMatchObject({
      postId: round.publications[0]?.postId,
      roundId: round.id,
      kind: 'consultation',
    });
    expect(post.rendition.text).toContain('新华广场晚间使用');
  });

  it('reads nothing from an inbox that does not exist yet', async () => {
    const { round, portal } = await openJsonlRound('empty');
    expect(
      await portal.fetchFeedback({
        roundId: round.id,
        postId: round.publications[0]?.postId ?? '',
      }),
    ).toEqual([]);
  });

  it('gives the same analysis as the memory channel for the same corpus (differential)', async () => {
    const { round, portal, paths } = await openJsonlRound('corpus');
    const postId = round.publications[0]?.postId ?? '';
    const body = records(postId, [...comments, ...flood()]).map((r) => JSON.stringify(r));
    await fs.writeFile(paths.inboxPath, `${body.join('\n')}\n{broken line\n`);
    const inbox = createFeedbackInbox();
    const report = await collectFeedback(round, [portal], inbox);
    expect(report.rejected.map((r) => [r.index, r.reason])).toEqual([[body.length, 'invalid']]);

    const memory = await runCorpus({ flood: true });
    expect(report.counted).toBe(memory.report.counted);
    const strip = (a: ReturnType<typeof analyzeRound>) => ({ ...a, roundId: '' });
    expect(strip(analyzeRound(round, inbox.entries(), { synonyms }))).toEqual(
      strip(analyzeRound(memory.round, memory.inbox.entries(), { synonyms })),
    );
  });

  it('fetches only what came after `since`', async () => {
    const { round, portal, paths } = await openJsonlRound('since');
    const postId = round.publications[0]?.postId ?? '';
    await fs.writeFile(
      paths.inboxPath,
      records(postId)
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const since = '2026-12-02T00:00:00.000Z';
    const fetched = await portal.fetchFeedback({ roundId: round.id, postId, since });
    expect(fetched.length).toBeGreaterThan(0);
    expect(fetched.every((r) => Date.parse((r as { at: string }).at) > Date.parse(since))).toBe(
      true,
    );
  });

  it('reports a file it cannot use as storage_failure', async () => {
    const failing: TextFilePort = {
      appendFile: () => Promise.reject(Object.assign(new Error('disk full'), { code: 'ENOSPC' })),
      readFile: () => Promise.reject(Object.assign(new Error('denied'), { code: 'EACCES' })),
    };
    const channel = createJsonlChannel({
      channel: 'sms',
      outboxPath: 'o',
      inboxPath: 'i',
      files: failing,
      ids: createSequentialIds(),
    });
    const error = await channel
      .fetchFeedback({ roundId: 'r', postId: 'p' })
      .catch((e: unknown) => e);
    expect(isQuanziError(error) && error.code).toBe('storage_failure');
    const rendition = {
      channel: 'sms',
      locale: 'zh-CN' as const,
      text: 'x',
      media: [],
      truncated: false,
      droppedMedia: 0,
    };
    await expect(
      channel.publish({ roundId: 'r', kind: 'consultation', rendition }),
    ).rejects.toMatchObject({ code: 'storage_failure', path: ['o'] });
  });
});
