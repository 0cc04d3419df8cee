import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assess, toCsv, toJson } from '@quanzi/assessment';
import { loadFormula } from '@quanzi/assessment/files';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { smallCircle } from '../../assessment/test/fixtures/smallCircle';
import { quanzi, repoRoot, scratch } from './runInProcess';

const formulaFile = join(repoRoot, 'examples/formulas/auxiliary-staff.v1.yaml');
const { events } = smallCircle();

describe('quanzi assess', () => {
  const dir = scratch({
    'events.jsonl': `${events.map((event) => JSON.stringify(event)).join('\n')}\n`,
    'formula.yaml': readFileSync(formulaFile, 'utf8'),
  });
  // The CLI must print exactly what the library computes for the same inputs.
  const expected = assess(events, {
    formulas: [loadFormula(readFileSync(formulaFile, 'utf8'), { source: 'formula.yaml' })],
    period: { kind: 'month', containing: '2026-11-15', timezone: 'UTC' },
    pseudonymSalt: 'quanzi',
  });

  it('prints the same rows as the library, as JSON and as CSV', async () => {
    const result = await quanzi(
      [
        'assess',
        'events.jsonl',
        '--formula',
        'formula.yaml',
        '--period',
        'month:2026-11-15',
        '--json',
        '--csv',
        'out.csv',
      ],
      dir,
    );
    expect(result.code).toBe(0);
    expect(expected.length).toBeGreaterThan(0);
    expect(result.stdout).toBe(toJson(expected));
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe(toCsv(expected));
  });

  it('prints a table for people, anonymous participants under their pseudonym', async () => {
    const result = await quanzi(
      ['assess', 'events.jsonl', '--formula', 'formula.yaml', '--period', 'month:2026-11-15'],
      dir,
    );
    expect(result.code).toBe(0);
    for (const row of expected) {
      expect(result.stdout).toContain(row.anonymous ? row.pseudonym : row.displayName);
      if (row.anonymous) expect(result.stdout).not.toContain(row.displayName);
    }
  });

  it('lines up Chinese names and headings by display width', async () => {
    const chinese = events.map((event) => {
      if (event.type !== 'quanzi.participant.registered') return event;
      const data = event.data as { participant: Record<string, unknown> };
      return {
        ...event,
        data: { participant: { ...data.participant, displayName: '张伟明巡逻队员' } },
      };
    });
    const zhDir = scratch({
      'events.jsonl': `${chinese.map((event) => JSON.stringify(event)).join('\n')}\n`,
      'formula.yaml': readFileSync(formulaFile, 'utf8'),
    });
    const args = ['assess', 'events.jsonl', '--formula', 'formula.yaml', '--lang', 'zh-CN'];
    const result = await quanzi([...args, '--period', 'month:2026-11-15'], zhDir);
    expect(result.code).toBe(0);
    const [header = '', ...rows] = result.stdout.replace(/\n$/, '').split('\n');
    expect(result.stdout).toContain('张伟明巡逻队员');
    // The score column ends in the same terminal column on every row, under its heading.
    const scoreEnd = (line: string) => {
      const score = /\d+\.\d(?!\d)/.exec(line);
      return score ? stringWidth(line.slice(0, score.index + score[0].length)) : -1;
    };
    const headingStart = stringWidth(header.slice(0, header.indexOf('得分')));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(scoreEnd(row)).toBe(headingStart + 5);
  });

  it('rejects a malformed period and a broken event line with one-line errors', async () => {
    const period = await quanzi(
      ['assess', 'events.jsonl', '--formula', 'formula.yaml', '--period', 'soon'],
      dir,
    );
    expect(period.code).toBe(1);
    expect(period.stderr).toMatch(/^error \[invalid_input\]: --period/);
    const broken = scratch({
      'events.jsonl': '{"type": "quanzi.task.created"}\n{oops\n',
      'formula.yaml': readFileSync(formulaFile, 'utf8'),
    });
    const line = await quanzi(
      ['assess', 'events.jsonl', '--formula', 'formula.yaml', '--period', 'month:2026-11-15'],
      broken,
    );
    expect(line.code).toBe(1);
    expect(line.stderr).toBe('error [invalid_input]: events.jsonl:2: not valid JSON\n');
    // A bad field of the formula is pointed at by its line and column.
    const formula = readFileSync(formulaFile, 'utf8').split('\n');
    const at = formula.findIndex((l) => /^effectiveFrom:/.test(l));
    formula[at] = 'effectiveFrom: someday';
    const badFormula = scratch({ 'events.jsonl': '', 'formula.yaml': formula.join('\n') });
    const field = await quanzi(
      ['assess', 'events.jsonl', '--formula', 'formula.yaml', '--period', 'month:2026-11-15'],
      badFormula,
    );
    expect(field.code).toBe(1);
    expect(field.stderr).toMatch(
      new RegExp(`^error \\[\\w+\\]: formula\\.yaml: effectiveFrom: line ${at + 1}, column 16: `),
    );
  });
});
