import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario, runSweep, toTidyCsv } from '@quanzi/simulate';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { quanzi, repoRoot, scratch } from './runInProcess';

// The decay scenario cut down to a few agents and days so the test stays quick.
const full = parse(readFileSync(join(repoRoot, 'examples/scenarios/levels-decay.yaml'), 'utf8'));
const small = {
  ...full,
  durationDays: 3,
  populations: full.populations.map((p: { count: number }) => ({ ...p, count: 30 })),
};

describe('quanzi simulate', () => {
  it('writes tidy data identical to the library, a summary and an offline HTML report', async () => {
    const dir = scratch({ 'scenario.yaml': stringify(small) });
    const args = [
      'simulate',
      'scenario.yaml',
      '--runs',
      '2',
      '--seed',
      '5',
      '--workers',
      '0',
      '--out',
      'out',
      '--json',
    ];
    const result = await quanzi(args, dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.runs).toBe(2);
    const library = await runSweep(loadScenario(stringify(small)), {
      runs: 2,
      seed: 5,
      workers: 0,
    });
    expect(readFileSync(join(dir, 'out', 'tidy.csv'), 'utf8')).toBe(toTidyCsv(library));
    const report = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
    expect(report).toMatch(/<svg/);
    expect(report).not.toMatch(/<script[^>]+src=|https?:\/\/cdn/);
    // Titled by the scenario's name, not by the file it came from.
    expect(report).toContain(`<title>${small.name}</title>`);
    expect(report).not.toContain('scenario.yaml');
    const summary = JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'));
    expect(summary.length).toBeGreaterThan(0);
    for (const row of summary) expect(row.low).toBeLessThanOrEqual(row.high);
  });

  it('sweeps a parameter and is byte-identical for the same seed', async () => {
    const dir = scratch({ 'scenario.yaml': stringify(small) });
    const args = (out: string) => [
      'simulate',
      'scenario.yaml',
      '--runs',
      '1',
      '--workers',
      '0',
      '--sweep',
      'scheme.reputation.halfLifeDays=3650,7',
      '--out',
      out,
      '--json',
    ];
    const a = await quanzi(args('a'), dir);
    const b = await quanzi(args('b'), dir);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(JSON.parse(a.stdout).runs).toBe(2);
    expect(readFileSync(join(dir, 'b', 'tidy.csv'), 'utf8')).toBe(
      readFileSync(join(dir, 'a', 'tidy.csv'), 'utf8'),
    );
  });

  it('names the bad field of a broken scenario in one line', async () => {
    const dir = scratch({ 'scenario.yaml': stringify({ ...small, durationDays: -1 }) });
    const result = await quanzi(['simulate', 'scenario.yaml', '--workers', '0'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error \[invalid_scenario\]: scenario\.yaml: durationDays/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
