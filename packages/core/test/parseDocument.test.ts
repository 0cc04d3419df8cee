import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadDocument, parseDocument } from '../src/documents';
import { isQuanziError, pseudonymOf } from '../src/index';

const schema = z.strictObject({ name: z.string(), radius: z.number().positive() });

const errorOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (isQuanziError(error)) return error;
    throw error;
  }
  throw new Error('expected a QuanziError');
};

describe('parseDocument and loadDocument', () => {
  it('reads YAML and JSON by extension', () => {
    expect(parseDocument('name: a\nradius: 3\n', { source: 'p.yaml' })).toEqual({
      name: 'a',
      radius: 3,
    });
    expect(parseDocument('{"name":"a"}', { source: 'P.JSON' })).toEqual({ name: 'a' });
  });

  it('names the file and the syntax problem in both languages', () => {
    const error = errorOf(() =>
      parseDocument('name: [unclosed', { source: 'bad.yaml', code: 'invalid_policy' }),
    );
    expect(error.code).toBe('invalid_policy');
    expect(error.messages.en).toMatch(/^bad\.yaml: \(root\): line 1, column 16: not valid YAML/);
    expect(error.messages['zh-CN']).toMatch(/^bad\.yaml：.*第 1 行第 16 列：不是有效的 YAML/);
    const json = errorOf(() => parseDocument('{"name": }', { source: 'bad.json' }));
    expect(json.messages.en).toMatch(/^bad\.json: \(root\): (line 1, column \d+: )?not valid JSON/);
  });

  it('validates text and data alike, naming each bad field', () => {
    const fromText = errorOf(() =>
      loadDocument(schema, 'name: 1\nradius: -2\n', { source: 'f.yaml', code: 'invalid_formula' }),
    );
    const fromData = errorOf(() =>
      loadDocument(schema, { name: 1, radius: -2 }, { source: 'f.yaml', code: 'invalid_formula' }),
    );
    expect(fromText.code).toBe('invalid_formula');
    expect(fromText.issues.map((issue) => issue.path)).toEqual([['name'], ['radius']]);
    expect(fromData.toJSON()).toEqual(fromText.toJSON());
    expect(loadDocument(schema, 'name: x\nradius: 2\n')).toEqual({ name: 'x', radius: 2 });
  });
});

describe('pseudonymOf', () => {
  it('is stable per id and salt, and differs across ids and salts', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string({ minLength: 1 }), (a, b, salt) => {
        expect(pseudonymOf(a, salt)).toBe(pseudonymOf(a, salt));
        expect(pseudonymOf(a, salt)).toMatch(/^anon-[0-9a-f]{10}$/);
        if (a !== b) expect(pseudonymOf(a, salt)).not.toBe(pseudonymOf(b, salt));
      }),
    );
    expect(pseudonymOf('p1', 'salt-a')).not.toBe(pseudonymOf('p1', 'salt-b'));
    expect(pseudonymOf('p1', 'salt-a')).not.toContain('p1');
  });
});
