import { pseudonymOf } from '@quanzi/core';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { assess, csvColumns, toCsv, toJson } from '../src/index';
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
