import { describe, expect, it } from 'vitest';
import { formatPath, isQuanziError, publicSchemas, safeParseInput } from '../src/index';
import { invalidFixtures } from './fixtures/invalid';
import { validFixtures } from './fixtures/valid';

const schemaOf = (name: string) => {
  const schema = publicSchemas[name];
  if (!schema) throw new Error(`no schema ${name}`);
  return schema;
};

describe('public schemas', () => {
  it('has valid fixtures for every public schema', () => {
    expect(Object.keys(validFixtures).sort()).toEqual(Object.keys(publicSchemas).sort());
  });

  for (const [name, inputs] of Object.entries(validFixtures)) {
    it(`accepts the valid ${name} fixtures`, () => {
      for (const input of inputs) {
        const result = safeParseInput(schemaOf(name), input);
        expect(result.ok, JSON.stringify(!result.ok && result.error.toJSON())).toBe(true);
      }
    });
  }

  for (const fixture of invalidFixtures) {
    it(`rejects ${fixture.schema}: ${fixture.why}, naming ${fixture.path || '(root)'}`, () => {
      const result = safeParseInput(schemaOf(fixture.schema), fixture.input);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(isQuanziError(result.error)).toBe(true);
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.issues.map((issue) => formatPath(issue.path))).toContain(fixture.path);
      for (const issue of result.error.issues) {
        expect(issue.message.en).not.toBe('');
        expect(issue.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      }
    });
  }

  it('never lets a __proto__ key reach the parsed value', () => {
    const input = JSON.parse('{"en":"a","zh-CN":"b","__proto__":{"polluted":true}}');
    const result = safeParseInput(schemaOf('localized-text'), input);
    expect(result.ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('closes an open polygon ring instead of storing it open', () => {
    const open = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ],
      ],
    };
    const result = safeParseInput(schemaOf('task-geometry'), open);
    expect(result.ok && result.value).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
      ],
    });
  });

  it('fills defaults so stored values are complete', () => {
    const result = safeParseInput(schemaOf('task'), validFixtures.task?.[0]);
    expect(result.ok && result.value).toMatchObject({
      slots: 1,
      rewardPoints: 0,
      steps: [],
      reportIds: [],
    });
  });
});
