import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isQuanziError, type QuanziError } from '@quanzi/core';
import { loadScenario } from '@quanzi/simulate';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

const folder = join(import.meta.dirname, '../../../examples/scenarios');
const levels = readFileSync(join(folder, 'levels-decay.yaml'), 'utf8');

function failure(run: () => unknown): QuanziError {
  try {
    run();
  } catch (error) {
    if (isQuanziError(error)) return error;
    throw error;
  }
  throw new Error('expected a QuanziError');
}

describe('loadScenario', () => {
  it('loads every shipped scenario, from YAML and from the same data as JSON', () => {
    const files = readdirSync(folder).filter((file) => file.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const text = readFileSync(join(folder, file), 'utf8');
      const scenario = loadScenario(text, { source: file });
      expect(scenario.populations.length).toBeGreaterThan(0);
      expect(loadScenario(JSON.stringify(scenario))).toEqual(scenario);
    }
  });

  it('fills defaults', () => {
    const scenario = loadScenario(levels);
    expect(scenario.sampleEveryHours).toBe(24);
    expect(scenario.scheme.credibilityWeighting).toBe(false);
    expect(scenario.populations[0]?.behaviour.maliciousShare).toBe(0);
  });

  it('names the bad field in English and Chinese, with the source first', () => {
    const data = loadScenario(levels) as unknown as {
      populations: Array<{ behaviour: Record<string, unknown> }>;
    };
    const [population] = data.populations;
    if (population) population.behaviour.participation = 1.5;
    const error = failure(() => loadScenario(stringify(data), { source: 'bad.yaml' }));
    expect(error.code).toBe('invalid_scenario');
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['populations', 0, 'behaviour', 'participation'],
    ]);
    expect(error.message).toMatch(/^bad\.yaml: populations\[0\]\.behaviour\.participation: /);
    expect(error.localized('zh-CN')).toMatch(
      /^bad\.yaml：populations\[0\]\.behaviour\.participation：/,
    );
    expect(error.localized('zh-CN')).not.toBe(error.localized('en'));
  });

  it('rejects unknown fields, duplicate population ids and bad rhythms', () => {
    const data = loadScenario(levels) as unknown as Record<string, unknown> & {
      populations: unknown[];
      arrivals: Array<Record<string, unknown>>;
    };
    const paths = (input: unknown) =>
      failure(() => loadScenario(input as object)).issues.map((issue) => issue.path.join('.'));
    expect(paths({ ...data, colour: 'red' })).toEqual(['']);
    expect(paths({ ...data, populations: [data.populations[0], data.populations[0]] })).toEqual([
      'populations.1.id',
    ]);
    expect(paths({ ...data, arrivals: [{ ...data.arrivals[0], daily: [1, 2, 3] }] })).toEqual([
      'arrivals.0.daily',
    ]);
  });

  it('reports YAML syntax errors with the line', () => {
    const error = failure(() => loadScenario('name: [unclosed\n', { source: 'broken.yaml' }));
    expect(error.code).toBe('invalid_scenario');
    expect(error.message).toMatch(/^broken\.yaml:\d+:\d+: not valid JSON or YAML/);
    expect(error.localized('zh-CN')).toContain('不是有效的 JSON 或 YAML');
  });

  it('checks the policy, lifecycle and reputation sections with the SDK and names them', () => {
    const data = loadScenario(levels);
    const badPolicy = { ...data, policy: { ...data.policy, tiers: [] } };
    const policyError = failure(() => loadScenario(badPolicy));
    expect(policyError.code).toBe('invalid_scenario');
    expect(policyError.issues[0]?.path.slice(0, 2)).toEqual(['policy', 'tiers']);
    const badLease = { ...data, lifecycle: { leaseMinutes: -5 } };
    expect(failure(() => loadScenario(badLease)).issues[0]?.path).toEqual([
      'lifecycle',
      'leaseMinutes',
    ]);
    const badReputation = {
      ...data,
      scheme: { ...data.scheme, reputation: { halfLifeDays: 'soon' } },
    };
    const error = failure(() => loadScenario(badReputation));
    expect(error.code).toBe('invalid_scenario');
    expect(error.issues[0]?.path).toEqual(['scheme', 'reputation', 'halfLifeDays']);
  });
});
