import { type IdSource, QuanziError } from '@quanzi/core';
import { type ChannelAdapter, matchesQuery } from './ChannelAdapter';

/**
 * The two file operations the JSONL channel needs. `node:fs/promises` fits as
 * is; a browser host can pass an OPFS or IndexedDB-backed one. Keeping the port
 * this small keeps `node:fs` out of browser bundles.
 */
export interface TextFilePort {
  appendFile(path: string, data: string): Promise<void>;
  /** Rejects with an error whose `code` is `ENOENT` when the file does not exist. */
  readFile(path: string, encoding: 'utf8'): Promise<string>;
}

/** Where the JSONL channel writes posts and reads feedback. */
export interface JsonlChannelOptions {
  readonly channel: string;
  /** One JSON line per post is appended here. */
  readonly outboxPath: string;
  /** One JSON line per feedback record is read from here (written by the host's collector). */
  readonly inboxPath: string;
  readonly files: TextFilePort;
  readonly ids: IdSource;
}

function isMissingFile(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT'
  );
}

function storageFailure(path: string, cause: unknown): QuanziError {
  return new QuanziError({
    code: 'storage_failure',
    path: [path],
    message: { en: `Cannot use the file ${path}`, 'zh-CN': `无法读写文件 ${path}` },
    cause,
  });
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    // Handed on as text so ingestion rejects it with the others, instead of
    // one broken line hiding the whole file.
    return line;
  }
}

/**
 * A channel that exchanges JSON Lines files: posts go to an outbox file for a
 * person or a script to carry to the real channel, feedback comes back in an
 * inbox file. Useful offline, for channels without an API, and for replaying a
 * past round.
 *
 * @example
 * import * as fs from 'node:fs/promises';
 * const sms = createJsonlChannel({ channel: 'sms', outboxPath: 'sms-out.jsonl',
 *   inboxPath: 'sms-in.jsonl', files: fs, ids: createSequentialIds() });
 */
export function createJsonlChannel(options: JsonlChannelOptions): ChannelAdapter {
  const { channel, files, ids } = options;
  return {
    channel,
    async publish(post) {
      const postId = ids.next(`${channel}-post`);
      try {
        await files.appendFile(options.outboxPath, `${JSON.stringify({ postId, ...post })}\n`);
      } catch (error) {
        throw storageFailure(options.outboxPath, error);
      }
      return { postId };
    },
    async fetchFeedback(query) {
      let text: string;
      try {
        text = await files.readFile(options.inboxPath, 'utf8');
      } catch (error) {
        if (isMissingFile(error)) return [];
        throw storageFailure(options.inboxPath, error);
      }
      return text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map(parseLine)
        .filter((record) => matchesQuery(record, query));
    },
  };
}
