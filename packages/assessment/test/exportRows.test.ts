import { pseudonymOf } from '@quanzi/core';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assess, csvColumns, csvSafeText, toCsv, toJson } from '../src/index';
import { november, smallCircle, v1 } from './fixtures/smallCircle';

const rows = assess(smallCircle().events, {
  formulas: [v1],
  period: november,
  pseudonymSalt: 'secret',
});

describe('toCsv and toJson', () => {
  it('writes the stable columns, one record per row, readable by a CSV parser', () => {
    const records = parse(toCsv(rows), { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0] ?? {})).toEqual([...csvColumns]);
    expect(records).toHaveLength(rows.length);
    expect(records[0]).toMatchObject({
      participantId: 'p1',
      displayName: 'Li Wei',
      formulaVersion: '1',
      period: '2026-11',
      workload: '3.25',
      pay: '60',
      score: '60.25',
      rankInCircle: '1',
      honours: 'top_in_role',
    });
    // no rate → an empty cell, not "null"
    expect(records.find((r) => r.participantId === 'p3')?.onTimeRate).toBe('');
  });

  it('shows anonymous participants only under a stable pseudonym', () => {
    const pseudonym = pseudonymOf('p2', 'secret');
    expect(pseudonym).toMatch(/^anon-[0-9a-f]{10}$/);
    expect(pseudonymOf('p2', 'secret')).toBe(pseudonym);
    expect(pseudonymOf('p2', 'other')).not.toBe(pseudonym);
    for (const text of [toCsv(rows), toJson(rows)]) {
      expect(text).toContain(pseudonym);
      expect(text).not.toContain('Wang Fang');
      expect(text).not.toMatch(/\bp2\b/);
    }
    const team = (parse(toCsv(rows), { columns: true }) as Record<string, string>[]).find(
      (r) => r.subject === 'team',
    );
    expect(team?.memberIds).toBe(`p1;${pseudonym}`);
  });

  it('JSON carries the same records plus the breakdowns', () => {
    const json = JSON.parse(toJson(rows)) as {
      columns: string[];
      rows: Array<Record<string, unknown>>;
    };
    expect(json.columns).toEqual([...csvColumns]);
    const csv = parse(toCsv(rows), { columns: true, cast: true }) as Record<string, unknown>[];
    json.rows.forEach((record, i) => {
      expect(record.score).toBe(csv[i]?.score);
      expect(record.participantId).toBe(csv[i]?.participantId);
    });
    expect(json.rows[0]?.breakdown).toEqual(JSON.parse(JSON.stringify(rows[0]?.breakdown)));
  });
});

describe('CSV formula injection (#15)', () => {
  it('escapes a display name a spreadsheet would run, and keeps negative numbers numbers', () => {
    const first = rows[0];
    if (!first) throw new Error('fixture has no rows');
    const hostile = [
      { ...first, anonymous: false, displayName: '=HYPERLINK("http://x","y")', points: -5 },
      { ...first, anonymous: false, displayName: '@SUM(1+1)', points: 3 },
      { ...first, anonymous: false, displayName: '-2+3', points: 3 },
      { ...first, anonymous: false, displayName: '\tTab', points: 3 },
      { ...first, anonymous: false, displayName: 'Wang = fine', points: 3 },
    ];
    const records = parse(toCsv(hostile), { columns: true }) as Record<string, string>[];
    expect(records.map((r) => r.displayName)).toEqual([
      `'=HYPERLINK("http://x","y")`,
      `'@SUM(1+1)`,
      `'-2+3`,
      `'\tTab`,
      'Wang = fine',
    ]);
    expect(records[0]?.points).toBe('-5');
  });

  it('leaves a string that does not start with a formula character as it is', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const escaped = csvSafeText(s);
        if (/^[=+\-@\t\r]/.test(s)) expect(escaped).toBe(`'${s}`);
        else expect(escaped).toBe(s);
      }),
      { numRuns: 500, seed: 15 },
    );
  });
});
