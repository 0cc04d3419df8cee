import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario, runSweep, toTidyCsv } from '@quanzi/simulate';
import stringWidth from 'string-width';
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

  it('prints the summary as a table: a column per parameter, units, intervals or "not available"', async () => {
    const dir = scratch({ 'scenario.yaml': stringify(small) });
    const sweep = ['--sweep', 'scheme.reputation.halfLifeDays=3650,7', '--workers', '0'];
    const one = await quanzi(['simulate', 'scenario.yaml', '--runs', '1', ...sweep], dir);
    expect(one.code).toBe(0);
    const [head = '', ...rows] = one.stdout.trim().split('\n');
    expect(head.split(/\s{2,}/)).toEqual([
      'scheme.reputation.halfLifeDays',
      'metric',
      'unit',
      'mean',
      '95% interval',
      'runs',
    ]);
    const completion = rows.filter((row) => row.includes('completion_rate'));
    expect(completion.map((row) => row.split(/\s{2,}/)[0])).toEqual(['3650', '7']);
    for (const row of completion) {
      expect(row).toContain('share (0–1)');
      expect(row).toMatch(/not available\s+1$/);
    }
    // Every unit starts in the same column, whatever the language.
    const zh = await quanzi(
      ['--lang', 'zh-CN', 'simulate', 'scenario.yaml', '--runs', '2', ...sweep, '--out', 'zh'],
      dir,
    );
    const lines = zh.stdout.trim().split('\n').slice(0, -1);
    expect(lines[0]).toMatch(/指标\s+单位\s+均值\s+95% 置信区间\s+次数$/);
    const unitColumn = stringWidth((lines[0] ?? '').slice(0, (lines[0] ?? '').indexOf('单位')));
    for (const line of lines.filter((l) => l.includes('completion_rate'))) {
      expect(stringWidth(line.slice(0, line.indexOf('比例')))).toBe(unitColumn);
      const [low, high] = (/(\S+) – (\S+)\s+2$/.exec(line) ?? []).slice(1).map(Number);
      expect(low).toBeGreaterThanOrEqual(0);
      expect(high).toBeLessThanOrEqual(1);
    }
    expect(zh.stdout.trim().split('\n').at(-1)).toMatch(/^报告：/);
  });

  it('names the bad field of a broken scenario in one line', async () => {
    const dir = scratch({ 'scenario.yaml': stringify({ ...small, durationDays: -1 }) });
    const result = await quanzi(['simulate', 'scenario.yaml', '--workers', '0'], dir);
    expect(result.code).toBe(1);
    const text = stringify({ ...small, durationDays: -1 });
    const line = text.split('\n').findIndex((l) => l.startsWith('durationDays:')) + 1;
    expect(result.stderr).toMatch(
      new RegExp(
        `^error \\[invalid_scenario\\]: scenario\\.yaml: durationDays: line ${line}, column 15: `,
      ),
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
