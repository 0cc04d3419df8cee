import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  errorHttpStatus,
  isQuanziError,
  parseInput,
  QuanziError,
  quanziErrorCodes,
  TaskSchema,
} from '../src/index';

describe('QuanziError', () => {
  it('carries code, path and both languages', () => {
    const error = new QuanziError({
      code: 'forbidden',
      path: ['tiers', 2, 'radiusMeters'],
      message: { en: 'Radius too large', 'zh-CN': '半径过大' },
    });
    expect(error.message).toBe('Radius too large');
    expect(error.localized('zh-CN')).toBe('半径过大');
    expect(error.toJSON()).toEqual({
      code: 'forbidden',
      path: 'tiers[2].radiusMeters',
      message: { en: 'Radius too large', 'zh-CN': '半径过大' },
      issues: [],
    });
    expect(error).toBeInstanceOf(Error);
  });

  it('has a default bilingual message and an HTTP status for every code', () => {
    for (const code of quanziErrorCodes) {
      const error = new QuanziError({ code });
      expect(error.messages.en.length).toBeGreaterThan(0);
      expect(error.messages['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(errorHttpStatus[code]).toBeGreaterThanOrEqual(400);
    }
  });

  it('is recognised across bundles by its registered brand, and nothing else is', () => {
    // A second copy of the package would define its own class; only the brand is shared.
    const foreign = Object.assign(Object.create(Error.prototype), {
      [Symbol.for('@quanzi/core/QuanziError')]: true,
      code: 'not_found',
    });
    expect(isQuanziError(foreign)).toBe(true);
    expect(isQuanziError(new Error('x'))).toBe(false);
    fc.assert(fc.property(fc.anything(), (value) => !isQuanziError(value)));
  });

  it('parseInput names every bad field in English and Chinese, and the source file', () => {
    const schema = z.strictObject({ radius: z.number(), name: z.string() });
    try {
      parseInput(
        schema,
        { radius: 'far', name: 3 },
        { code: 'invalid_policy', source: 'policy.yaml' },
      );
      expect.unreachable();
    } catch (error) {
      expect(isQuanziError(error)).toBe(true);
      if (!isQuanziError(error)) return;
      expect(error.code).toBe('invalid_policy');
      expect(error.issues.map((issue) => issue.path)).toEqual([['radius'], ['name']]);
      expect(error.messages.en).toMatch(
        /^policy\.yaml: radius: expected a number, got "far"; name: /,
      );
      expect(error.messages['zh-CN']).toMatch(
        /^policy\.yaml：radius：应为数字，实际为 "far"；name：/,
      );
      expect(error.path).toEqual(['radius']);
    }
  });

  it('prefixes paths when a payload is nested in a command', () => {
    const result = (() => {
      try {
        return parseInput(TaskSchema, { id: 't' }, { path: ['command', 'task'] });
      } catch (error) {
        return error;
      }
    })();
    expect(isQuanziError(result) && result.issues[0]?.path.slice(0, 2)).toEqual([
      'command',
      'task',
    ]);
  });

  it('turns any non-conforming input into a typed error, never a crash', () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true }), (input) => {
        try {
          parseInput(TaskSchema, input);
          return false;
        } catch (error) {
          return isQuanziError(error) && error.code === 'invalid_input' && error.issues.length > 0;
        }
      }),
      { numRuns: 500 },
    );
  });
});
