import type { Locale } from '@quanzi/core';

/** Where the CLI reads and writes, so tests can run it in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  /** True when stdout is a terminal (progress bars only go to terminals). */
  readonly interactive: boolean;
  /** The clock: `explain` decides at this time unless given `--now`. Default: the system clock. */
  readonly now?: () => Date;
}

/** What every command gets: the global flags and the streams. */
export interface CliContext {
  readonly io: CliIo;
  readonly json: boolean;
  readonly lang: Locale;
}

/** Prints `value` as JSON, or `text()` for people, depending on `--json`. */
export function emit(context: CliContext, value: unknown, text: () => string): void {
  context.io.stdout(context.json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
}

/** Picks the English or Chinese wording for a line of CLI output. */
export function say(context: CliContext, en: string, zh: string): string {
  return context.lang === 'zh-CN' ? zh : en;
}
