import { isQuanziError, type QuanziError } from '@quanzi/core';
import { describe, expect, it } from 'vitest';
import { loadFormula } from '../src/files';
import {
  createFormulaSet,
  type FormulaInput,
  formulaFor,
  loadFormula as loadFormulaDocument,
  resolvePeriod,
} from '../src/index';
import { v1, v2 } from './fixtures/smallCircle';

function failure(run: () => unknown): QuanziError {
  try {
    run();
  } catch (error) {
    if (isQuanziError(error)) return error;
    throw error;
  }
  throw new Error('expected a QuanziError');
}

const minimal: FormulaInput = {
  id: 'f',
  version: 1,
  effectiveFrom: '2026-01-01T00:00:00Z',
  name: { en: 'F', 'zh-CN': '公式' },
  workload: { difficultyWeights: [1, 2, 3, 4, 5] },
  pay: { currency: 'CNY', bands: [{ perPoint: 1 }] },
  score: { terms: [{ metric: 'points', weight: 1 }] },
};

describe('loadFormula', () => {
  it('reads the YAML and JSON examples, filling defaults', () => {
    expect(v1).toMatchObject({
      id: 'auxiliary-staff',
      version: 1,
      effectiveFrom: '2026-01-01T00:00:00Z',
    });
    expect(v1.pay.bands).toEqual([{ upToPoints: 100, perPoint: 0.5 }, { perPoint: 1 }]);
    expect(v2.workload).toEqual({
      difficultyWeights: [1, 1, 1, 1, 1],
      defaultDifficulty: 2,
      categoryWeights: {},
      splitAmongClaimants: true,
    });
    expect(loadFormula(JSON.stringify(minimal))).toEqual(loadFormula(minimal));
    expect(loadFormulaDocument(minimal)).toEqual(loadFormula(minimal));
  });

  it('main entry: refuses text, naming the entry that reads it, in both languages', () => {
    const error = failure(() => loadFormulaDocument(JSON.stringify(minimal), { source: 'f.json' }));
    expect(error.code).toBe('invalid_formula');
    expect(error.issues.map((issue) => issue.code)).toEqual(['text_given']);
    expect(error.messages.en).toMatch(/^f\.json: got formula text.*@quanzi\/assessment\/files/);
    expect(error.messages['zh-CN']).toMatch(
      /^f\.json：收到的是公式文本.*@quanzi\/assessment\/files/,
    );
  });

  it('names the bad field, in English and Chinese, with the source', () => {
    const error = failure(() =>
      loadFormula({ ...minimal, workload: { difficultyWeights: [1, 2, 3] } }, { source: 'f.yaml' }),
    );
    expect(error.code).toBe('invalid_formula');
    expect(error.path).toEqual(['workload', 'difficultyWeights']);
    expect(error.messages.en).toMatch(/^f\.yaml: workload\.difficultyWeights: /);
    expect(error.messages['zh-CN']).toMatch(/^f\.yaml：workload\.difficultyWeights：/);
  });

  it('checks pay bands rise and only the last is open-ended', () => {
    const bands = [
      { upToPoints: 100, perPoint: 1 },
      { upToPoints: 50, perPoint: 2 },
      { perPoint: 3 },
    ];
    const error = failure(() => loadFormula({ ...minimal, pay: { currency: 'CNY', bands } }));
    expect(error.path).toEqual(['pay', 'bands', 1, 'upToPoints']);
    expect(error.messages['zh-CN']).toContain('分档上限必须递增');
    // Each language gets its own sentence, not both joined by " / ".
    expect(error.messages.en).toContain('Each band must end above the one before');
    expect(error.messages.en).not.toMatch(/[\u4e00-\u9fff]/);
    expect(error.messages['zh-CN']).not.toContain('must');
    const open = failure(() =>
      loadFormula({
        ...minimal,
        pay: { currency: 'CNY', bands: [{ perPoint: 1 }, { perPoint: 2 }] },
      }),
    );
    expect(open.path).toEqual(['pay', 'bands', 0, 'upToPoints']);
  });

  it('rejects unknown metrics and keys', () => {
    const error = failure(() =>
      loadFormula({ ...minimal, score: { terms: [{ metric: 'likes', weight: 1 }] } }),
    );
    expect(error.path).toEqual(['score', 'terms', 0, 'metric']);
    expect(failure(() => loadFormula({ ...minimal, bonus: 1 })).code).toBe('invalid_formula');
    const upsideDown = { terms: [{ metric: 'points' as const, weight: 1 }], min: 10, max: 5 };
    expect(failure(() => loadFormula({ ...minimal, score: upsideDown })).path).toEqual([
      'score',
      'max',
    ]);
  });

  it('turns a YAML syntax error into invalid_formula with the line', () => {
    const error = failure(() => loadFormula('id: f\nversion: [1\n', { source: 'bad.yaml' }));
    expect(error.code).toBe('invalid_formula');
    expect(error.messages.en).toMatch(/^bad\.yaml: not valid YAML or JSON \(line \d+\)$/);
    expect(error.messages['zh-CN']).toContain('不是有效的 YAML 或 JSON');
  });
});

describe('formula versions', () => {
  it('chooses the version in force at the start of the period', () => {
    const set = createFormulaSet([v2, v1]);
    expect(set.versions.map((f) => f.version)).toEqual([1, 2]);
    const month = (day: string) => resolvePeriod({ kind: 'month', containing: day });
    expect(formulaFor(set, month('2026-11-30')).version).toBe(1);
    expect(formulaFor(set, month('2026-12-01')).version).toBe(2);
    expect(failure(() => formulaFor(set, month('2025-12-31'))).code).toBe('not_found');
  });

  it('refuses mixed ids, duplicate versions and versions out of date order', () => {
    const other = loadFormula({
      ...minimal,
      id: 'other',
      version: 2,
      effectiveFrom: '2026-06-01T00:00:00Z',
    });
    expect(failure(() => createFormulaSet([v1, other])).path).toEqual(['formulas', 1, 'id']);
    // paths name the position in the caller's list, not in version order
    expect(failure(() => createFormulaSet([other, v1])).path).toEqual(['formulas', 0, 'id']);
    const early = { ...v2, effectiveFrom: '2025-06-01T00:00:00Z' };
    expect(failure(() => createFormulaSet([v1, early])).code).toBe('invalid_formula');
    expect(failure(() => createFormulaSet([v1, { ...v1 }])).path).toEqual([
      'formulas',
      1,
      'effectiveFrom',
    ]);
    expect(failure(() => createFormulaSet([])).code).toBe('invalid_formula');
    const broken = { ...v1, pay: { ...v1.pay, currency: 'yuan' } };
    expect(failure(() => createFormulaSet([broken])).path).toEqual([
      'formulas',
      0,
      'pay',
      'currency',
    ]);
  });
});
