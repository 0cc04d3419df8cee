import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/index';

/** The repository root, so tests can name example files as a user would. */
export const repoRoot = join(import.meta.dirname, '..', '..', '..');

/** Runs `quanzi` in-process with captured output. */
export async function quanzi(args: string[], cwd = repoRoot, now?: Date) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd,
    interactive: false,
    ...(now ? { now: () => now } : {}),
  });
  return { code, stdout, stderr };
}

/** A scratch directory with the given files written into it. */
export function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'quanzi-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
