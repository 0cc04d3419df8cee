import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './runInProcess';

const run = promisify(execFile);
const bin = join(repoRoot, 'packages/cli/src/bin.ts');

// The real executable in a real process: exit codes and streams as a shell sees them.
async function quanziProcess(args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', '--conditions=quanzi-source', bin, ...args],
      { cwd: repoRoot },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('quanzi executable', () => {
  it('prints its version with --version', async () => {
    const result = await quanziProcess(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('stops quietly when the reader closes the pipe (quanzi --json matrix | head)', async () => {
    // The reader closes its end at once, before quanzi has started: every write meets EPIPE.
    const command = `"${process.execPath}" --import tsx --conditions=quanzi-source "${bin}" --json matrix --policy examples/policies/civilized-city.yaml | (exec 0<&-; sleep 1); echo "status=\${PIPESTATUS[0]}"`;
    const { stdout, stderr } = await run('bash', ['-c', command], { cwd: repoRoot });
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(stdout.trim()).toBe('status=0');
  });

  it('exits 0 and lists every command in --help', async () => {
    const result = await quanziProcess(['--help']);
    expect(result.code).toBe(0);
    for (const command of [
      'validate',
      'explain',
      'matrix',
      'diff-policy',
      'replay',
      'simulate',
      'assess',
    ]) {
      expect(result.stdout).toContain(command);
    }
  });

  it('exits non-zero with one line and no stack trace on a bad file', async () => {
    const result = await quanziProcess(['validate', 'no-such-file.yaml']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error [not_found]: Cannot read no-such-file.yaml\n');
  });

  it('exits 2 on an unknown command', async () => {
    const result = await quanziProcess(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command/);
  });
});
