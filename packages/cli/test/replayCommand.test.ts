import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quanzi, repoRoot, scratch } from './runInProcess';

// A civilized-city log: a resident fixes a shared bike and is accepted; a qualified
// newcomer is refused the tactile paving; the last line is malformed.
function workspace() {
  const dir = scratch({});
  copyFileSync(
    join(import.meta.dirname, 'fixtures', 'replay-commands.jsonl'),
    join(dir, 'commands.jsonl'),
  );
  copyFileSync(join(repoRoot, 'examples/policies/civilized-city.yaml'), join(dir, 'policy.yaml'));
  return dir;
}

describe('quanzi replay', () => {
  it('prints final tasks, levels and refused commands with their codes', async () => {
    const dir = workspace();
    const result = await quanzi(
      ['replay', 'commands.jsonl', '--policy', 'policy.yaml', '--json'],
      dir,
    );
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({ commands: 13, applied: 11 });
    expect(out.tasks).toEqual([
      {
        id: 'bike',
        category: 'shared_bike_parking',
        state: 'accepted',
        closure: null,
        claimants: ['r1'],
      },
      {
        id: 'paving',
        category: 'tactile_paving',
        state: 'published',
        closure: null,
        claimants: [],
      },
    ]);
    expect(out.refused).toEqual([
      {
        line: 12,
        type: 'task.claim',
        idempotencyKey: 'c8',
        status: 'denied',
        codes: ['level_too_low', 'category_needs_tier'],
      },
      {
        line: 13,
        type: 'task.claim',
        idempotencyKey: 'c9',
        status: 'error',
        codes: ['invalid_input'],
      },
    ]);
    const r1 = out.participants.find((p: { id: string }) => p.id === 'r1');
    expect(r1).toMatchObject({ accepted: 1 });
    expect(r1.level).toBeGreaterThan(
      out.participants.find((p: { id: string }) => p.id === 'v1').level,
    );
  });

  it('gives the same result every time (time follows the log)', async () => {
    const dir = workspace();
    const first = await quanzi(
      ['replay', 'commands.jsonl', '--policy', 'policy.yaml', '--json'],
      dir,
    );
    const second = await quanzi(
      ['replay', 'commands.jsonl', '--policy', 'policy.yaml', '--json'],
      dir,
    );
    expect(second.stdout).toBe(first.stdout);
  });

  it('prints a readable summary in Chinese', async () => {
    const result = await quanzi(
      ['--lang', 'zh-CN', 'replay', 'commands.jsonl', '--policy', 'policy.yaml'],
      workspace(),
    );
    expect(result.stdout).toMatch(/已执行 11\/13 条命令/);
    expect(result.stdout).toMatch(/line 12: task\.claim denied level_too_low/);
  });
});
