import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { quanzi, repoRoot, scratch } from './runInProcess';

const civic = 'examples/policies/civilized-city.yaml';
const district = 'examples/policies/police-district.yaml';

const resident = JSON.stringify({
  participant: {
    id: 'r1',
    circleId: 'civilized-city',
    kind: 'resident',
    displayName: 'Wang Fang',
    home: { type: 'Point', coordinates: [116.397, 39.909] },
  },
  level: 0,
  tags: [],
});
const task = (category: string) =>
  JSON.stringify({
    id: `t-${category}`,
    circleId: 'civilized-city',
    publisherId: 'cmd',
    source: { kind: 'officer' },
    category,
    title: category,
    goal: 'fix it',
    location: { type: 'Point', coordinates: [116.398, 39.909] },
    createdAt: '2026-11-01T00:00:00Z',
  });

describe('quanzi validate', () => {
  it('recognises each example policy', async () => {
    for (const file of [civic, district]) {
      const result = await quanzi(['validate', file, '--json']);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ file, kind: 'policy', valid: true });
    }
  });

  it('rejects a broken policy with one line naming the file and field, in the chosen language', async () => {
    const text = readFileSync(join(repoRoot, civic), 'utf8').replace(
      'radiusMeters: 1000',
      'radiusMeters: far',
    );
    const dir = scratch({ 'broken.yaml': text });
    const en = await quanzi(['validate', 'broken.yaml', '--kind', 'policy'], dir);
    expect(en.code).toBe(1);
    expect(en.stdout).toBe('');
    expect(en.stderr.trim().split('\n')).toHaveLength(1);
    expect(en.stderr).toMatch(/^error \[invalid_policy\]: broken\.yaml: tiers\[0\]\.radiusMeters/);
    const zh = await quanzi(
      ['--lang', 'zh-CN', 'validate', 'broken.yaml', '--kind', 'policy'],
      dir,
    );
    expect(zh.stderr).toMatch(/broken\.yaml：tiers\[0\]\.radiusMeters：/);
    expect(zh.stderr).not.toMatch(/\n\s+at /);
  });

  it('gives the line and column of each bad field, and echoes its value, in either language', async () => {
    const lines = readFileSync(join(repoRoot, district), 'utf8').split('\n');
    const at = lines.findIndex((line) => line.includes('radiusMeters: 800'));
    lines[at] = '    radiusMeters: 600米';
    const column = (lines[at]?.indexOf('600米') ?? 0) + 1;
    const json = JSON.stringify({
      version: 1,
      id: 'x',
      name: { en: 'X', 'zh-CN': '甲' },
      tiers: 3,
    });
    const dir = scratch({ 'radius.yaml': lines.join('\n'), 'tiers.json': json });
    const en = await quanzi(['validate', 'radius.yaml'], dir);
    expect(en.stderr).toBe(
      `error [invalid_policy]: radius.yaml: tiers[0].radiusMeters: line ${at + 1}, column ${column}: expected a number, got "600米"\n`,
    );
    const zh = await quanzi(['--lang', 'zh-CN', 'matrix', '--policy', 'radius.yaml'], dir);
    expect(zh.stderr).toBe(
      `错误 [invalid_policy]：radius.yaml：tiers[0].radiusMeters：第 ${at + 1} 行第 ${column} 列：应为数字，实际为 "600米"\n`,
    );
    // `validate` reports a bad file itself (exit 1, no throw): the same line, in Chinese too.
    const zhValidate = await quanzi(['--lang', 'zh-CN', 'validate', 'radius.yaml'], dir);
    expect(zhValidate.stderr).toBe(zh.stderr);
    const fromJson = await quanzi(['validate', 'tiers.json', '--kind', 'policy'], dir);
    expect(fromJson.stderr).toMatch(
      /^error \[invalid_policy\]: tiers\.json: tiers: line 1, column \d+: /,
    );
  });

  it('reports a missing file and bad syntax as typed one-line errors', async () => {
    const missing = await quanzi(['validate', 'nope.yaml']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('error [not_found]: Cannot read nope.yaml\n');
    const dir = scratch({ 'bad.json': '{"tiers": [' });
    const bad = await quanzi(['validate', 'bad.json'], dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /^error \[invalid_input\]: bad\.json: \(root\): line 1, column 12: not valid JSON/,
    );
  });

  it('reads a policy with a misspelt category as a policy and suggests the real name once', async () => {
    const text = readFileSync(join(repoRoot, civic), 'utf8').replace(
      '- code: shared_bike_parking',
      '- code: shared_bike_parkng',
    );
    const dir = scratch({ 'typo.yaml': text });
    for (const args of [
      ['validate', 'typo.yaml'],
      ['validate', 'typo.yaml', '--kind', 'policy'],
    ]) {
      const result = await quanzi(args, dir);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /^error \[invalid_policy\]: typo\.yaml: categories\[0\]\.code:/,
      );
      expect(result.stderr).toContain('did you mean "shared_bike_parking"?');
      expect(result.stderr.match(/new category/g)).toHaveLength(1);
      expect(result.stderr).not.toContain('invalid_formula');
    }
    const zh = await quanzi(['--lang', 'zh-CN', 'validate', 'typo.yaml'], dir);
    expect(zh.stderr).toContain('是否应为“shared_bike_parking”');
  });

  it('says so when the top-level keys do not tell the kind of file', async () => {
    const dir = scratch({ 'odd.yaml': 'id: x\nversion: 1\n' });
    const result = await quanzi(['validate', 'odd.yaml'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^note: cannot tell from its top-level keys whether odd\.yaml/);
  });

  it('exits 2 on a usage error', async () => {
    const result = await quanzi(['validate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/missing required argument/);
  });
});

describe('quanzi explain', () => {
  it('lets a resident claim a nearby shared bike but explains the tactile paving denial', async () => {
    const dir = scratch({
      'resident.json': resident,
      'bike.json': task('shared_bike_parking'),
      'paving.json': task('tactile_paving'),
      'policy.yaml': readFileSync(join(repoRoot, civic), 'utf8'),
    });
    const bike = await quanzi(
      [
        'explain',
        '--policy',
        'policy.yaml',
        '--participant',
        'resident.json',
        '--task',
        'bike.json',
        '--json',
      ],
      dir,
    );
    expect(bike.code).toBe(0);
    expect(JSON.parse(bike.stdout).allowed).toBe(true);
    const paving = await quanzi(
      [
        '--lang',
        'zh-CN',
        'explain',
        '--policy',
        'policy.yaml',
        '--participant',
        'resident.json',
        '--task',
        'paving.json',
      ],
      dir,
    );
    expect(paving.code).toBe(0);
    expect(paving.stdout).toMatch(/不允许/);
    expect(paving.stdout).toMatch(/\[missing_qualification\]/);
    expect(paving.stdout).toMatch(/如何改变结果/);
  });
});

describe('quanzi explain without --now', () => {
  it('decides at the current time from the clock, so a lapsed qualification counts as lapsed', async () => {
    const qualified = JSON.parse(resident);
    qualified.participant.qualifications = [
      {
        code: 'road_repair',
        issuer: 'District bureau',
        issuedAt: '2025-01-01T00:00:00Z',
        expiresAt: '2026-06-01T00:00:00Z',
      },
    ];
    const dir = scratch({
      'qualified.json': JSON.stringify(qualified),
      'paving.json': task('tactile_paving'),
      'policy.yaml': readFileSync(join(repoRoot, civic), 'utf8'),
    });
    const args = ['explain', '--policy', 'policy.yaml', '--participant', 'qualified.json'];
    const explain = async (now: Date, extra: string[] = []) =>
      JSON.parse(
        (await quanzi([...args, '--task', 'paving.json', '--json', ...extra], dir, now)).stdout,
      ) as { reasons: { code: string }[] };
    const lapsed = (decision: { reasons: { code: string }[] }) =>
      decision.reasons.some((reason) => reason.code === 'missing_qualification');
    expect(lapsed(await explain(new Date('2026-03-01T00:00:00Z')))).toBe(false);
    expect(lapsed(await explain(new Date('2026-12-01T00:00:00Z')))).toBe(true);
    // --now still wins over the clock.
    expect(
      lapsed(await explain(new Date('2026-12-01T00:00:00Z'), ['--now', '2026-03-01T00:00:00Z'])),
    ).toBe(false);
  });
});

describe('quanzi matrix and diff-policy', () => {
  it('tabulates every archetype × category × action and writes HTML', async () => {
    const dir = scratch({ 'policy.yaml': readFileSync(join(repoRoot, civic), 'utf8') });
    const result = await quanzi(
      ['matrix', '--policy', 'policy.yaml', '--json', '--html', 'matrix.html'],
      dir,
    );
    expect(result.code).toBe(0);
    const matrix = JSON.parse(result.stdout);
    expect(matrix.cells).toHaveLength(matrix.archetypes.length * matrix.categories.length * 5);
    const cell = (archetype: string, category: string, action: string) =>
      matrix.cells.find(
        (c: { archetype: string; category: string; action: string }) =>
          c.archetype === archetype && c.category === category && c.action === action,
      );
    expect(cell('resident@newcomer', 'shared_bike_parking', 'claim').allowed).toBe(true);
    expect(cell('resident@newcomer', 'tactile_paving', 'claim').allowed).toBe(false);
    expect(cell('resident@newcomer', 'tactile_paving', 'discover').allowed).toBe(true);
    expect(cell('command', 'tactile_paving', 'verify').allowed).toBe(true);
    const html = readFileSync(join(dir, 'matrix.html'), 'utf8');
    expect(html).toMatch(/<table>/);
    const body = html.slice(html.indexOf('<tbody>'));
    expect((body.match(/<tr><th>/g) ?? []).length).toBe(matrix.archetypes.length);
  });

  it('lines up a Chinese matrix by display width', async () => {
    const result = await quanzi(['matrix', '--policy', district, '--lang', 'zh-CN']);
    expect(result.code).toBe(0);
    // Blocks are separated by a blank line; each starts with the category's name.
    const blocks = result.stdout.replace(/\n$/, '').split('\n\n');
    expect(blocks.length).toBeGreaterThan(1);
    for (const block of blocks) {
      const [, header = '', ...rows] = block.split('\n');
      expect(header).toContain('接包');
      expect(rows.some((row) => /[\u4e00-\u9fff]/.test(row))).toBe(true);
      const widths = new Set([header, ...rows].map((line) => stringWidth(line)));
      expect(widths.size).toBe(1);
      // Each row's five marks start in the same columns as the header's five actions.
      const columns = (line: string, at: RegExp) =>
        [...line.matchAll(at)].map((m) => stringWidth(line.slice(0, m.index)));
      const heads = columns(header, /\S+/g);
      for (const row of rows) expect(columns(row, /[✓✗]/g)).toEqual(heads);
    }
  });

  it('lists exactly the rights a change flips', async () => {
    const original = readFileSync(join(repoRoot, civic), 'utf8');
    // Going back from model 2 to model 1 takes publishing away from residents.
    const basic = original.replace('model: extended', 'model: basic');
    expect(basic).not.toBe(original);
    const dir = scratch({ 'old.yaml': original, 'new.yaml': basic });
    const same = await quanzi(['diff-policy', 'old.yaml', 'old.yaml', '--json'], dir);
    expect(JSON.parse(same.stdout).changes).toEqual([]);
    const result = await quanzi(['diff-policy', 'old.yaml', 'new.yaml', '--json'], dir);
    const changes: Array<{ role: string; action: string; before: boolean; after: boolean }> =
      JSON.parse(result.stdout).changes;
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) {
      expect(change).toMatchObject({ action: 'publish', before: true, after: false });
      expect(change.role).toMatch(/^(resident|qualified)$/);
    }
    // Officers and the command center publish in both models.
    expect(changes.some((change) => change.role === 'resident')).toBe(true);
  });

  it('shows the rights level-1 participants gain when a tier starts lower, in either language', async () => {
    const original = readFileSync(join(repoRoot, civic), 'utf8');
    const lower = original.replace('minLevel: 2', 'minLevel: 1');
    expect(lower).not.toBe(original);
    const dir = scratch({ 'old.yaml': original, 'new.yaml': lower });
    const json = await quanzi(['diff-policy', 'old.yaml', 'new.yaml', '--json'], dir);
    const changes: Array<{
      role: string;
      levels: { from: number; to: number | null };
      tier: { before: string; after: string };
      after: boolean;
    }> = JSON.parse(json.stdout).changes;
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) {
      expect(change.levels).toEqual({ from: 1, to: 1 });
      expect(change.tier).toEqual({ before: 'newcomer', after: 'active' });
      expect(change.after).toBe(true);
    }
    const en = await quanzi(['diff-policy', 'old.yaml', 'new.yaml'], dir);
    expect(en.stdout).toContain(`${changes.length} changes in who may do what:`);
    expect(en.stdout).toContain('Resident, level 1 (Newcomer → Active resident)');
    expect(en.stdout).not.toMatch(/newcomer|active@|_/);
    const zh = await quanzi(['diff-policy', 'old.yaml', 'new.yaml', '--lang', 'zh-CN'], dir);
    expect(zh.stdout).toContain(`谁能做什么共有 ${changes.length} 处变化：`);
    expect(zh.stdout).toContain('群众，1 级（新人 → 活跃居民）');
    expect(zh.stdout).toContain('接包：✗ → ✓');
    expect(zh.stdout).not.toMatch(/[A-Za-z]{3,}/);
  });
});
