import { isQuanziError, type QuanziError } from '@quanzi/core';
import { loadPolicy as loadPolicyDocument, PolicySchema } from '@quanzi/rules';
import { loadPolicy } from '@quanzi/rules/files';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { minimalPolicy } from './fixtures';

function failure(input: unknown, options: Parameters<typeof loadPolicy>[1] = {}): QuanziError {
  try {
    loadPolicy(input, options);
  } catch (error) {
    if (isQuanziError(error)) return error;
    throw error;
  }
  throw new Error('the policy loaded');
}

const paths = (error: QuanziError) => error.issues.map((issue) => issue.path.join('.'));

const rule = (conditions: unknown, extra: Record<string, unknown> = {}) => ({
  name: 'r',
  actions: ['claim'],
  conditions,
  reason: { code: 'custom_no', message: { en: 'No', 'zh-CN': '不行' } },
  ...extra,
});

describe('loadPolicy of the main entry (documents only)', () => {
  it('builds the same policy from data as the files entry', () => {
    const document = minimalPolicy();
    const policy = loadPolicyDocument(document);
    expect(policy.tiers).toEqual(loadPolicy(document).tiers);
    expect([...policy.categories.keys()]).toEqual([...loadPolicy(document).categories.keys()]);
  });

  const documentFailure = (input: unknown, options: Parameters<typeof loadPolicy>[1] = {}) => {
    try {
      loadPolicyDocument(input, options);
    } catch (error) {
      if (isQuanziError(error)) return error;
      throw error;
    }
    throw new Error('the policy loaded');
  };

  it('refuses text, naming the entry that reads it, in both languages', () => {
    const error = documentFailure(JSON.stringify(minimalPolicy()), { source: 'circle.json' });
    expect(error.code).toBe('invalid_policy');
    expect(error.issues.map((issue) => issue.code)).toEqual(['text_given']);
    expect(error.messages.en).toMatch(
      /^circle\.json: \(root\): got policy text.*@quanzi\/rules\/files/,
    );
    expect(error.messages['zh-CN']).toMatch(
      /^circle\.json：（整个文档）：收到的是策略文本.*@quanzi\/rules\/files/,
    );
  });

  it('refuses data nested deeper than maxDepth before validating it', () => {
    let nested: unknown = {};
    for (let depth = 0; depth < 10; depth++) nested = { all: [nested] };
    const error = documentFailure({ ...minimalPolicy(), deep: nested }, { maxDepth: 5 });
    expect(error.code).toBe('invalid_policy');
    expect(error.issues.map((issue) => issue.code)).toEqual(['too_deep']);
  });
});

describe('loadPolicy', () => {
  it('loads YAML and JSON text and plain objects alike', () => {
    const document = minimalPolicy();
    const fromObject = loadPolicy(document);
    const fromJson = loadPolicy(JSON.stringify(document), { format: 'json' });
    const fromYaml = loadPolicy(JSON.stringify(document), { source: 'circle.yaml' });
    for (const policy of [fromObject, fromJson, fromYaml]) {
      expect(policy.tiers.map((tier) => tier.id)).toEqual(['base', 'high']);
      expect(policy.categories.get('tactile_paving')?.requiredQualifications).toEqual([
        'road_repair',
      ]);
    }
  });

  it('names the file and the line of a syntax error, in both languages', () => {
    const error = failure('version: 1\ntiers: [\n', { source: 'broken.yaml' });
    expect(error.code).toBe('invalid_policy');
    expect(error.message).toMatch(
      /^broken\.yaml: \(root\): line 3, column 1: not valid YAML \(Flow sequence/,
    );
    expect(error.messages['zh-CN']).toBe(
      'broken.yaml：（整个文档）：第 3 行第 1 列：不是有效的 YAML 格式。修改：请更正该处的语法（缩进、冒号、括号或引号）',
    );
    expect(failure('{"version": 1,', { format: 'json' }).message).toMatch(
      /line 1, column 15: not valid JSON/,
    );
  });

  it('points at a full-width colon in both languages, with no English in the Chinese text', () => {
    const error = failure('version: 1\ntiers：\n  - id: base\n', { source: 'c.yaml' });
    // The colon itself, not where the parser gave up, quoting the line as written.
    expect(error.message).toContain('line 2, column 6');
    expect(error.message).toContain('"tiers：" has a full-width colon');
    expect(error.messages['zh-CN']).toContain('第 2 行第 6 列');
    expect(error.messages['zh-CN']).toContain(
      '修改：“tiers：”键名后使用了全角冒号“：”，请在英文输入法下改为半角冒号“:”',
    );
    expect(error.messages['zh-CN'].replace(/c\.yaml|\(root\)|YAML|“tiers：”/g, '')).not.toMatch(
      /[A-Za-z]{3,}/,
    );
  });

  it('rejects an unknown operator at its exact path', () => {
    const error = failure(
      minimalPolicy({
        rules: [rule({ all: [{ fact: 'participant', operator: 'approximately', value: 1 }] })],
      }),
      { source: 'city.json' },
    );
    expect(paths(error)).toEqual(['rules.0.conditions.all.0.operator']);
    expect(error.message).toContain('city.json: rules[0].conditions.all[0].operator');
    expect(error.message).toContain('withinMeters');
    expect(error.messages['zh-CN']).toContain('rules[0].conditions.all[0].operator');
  });

  it('rejects a wrong type with the path and both languages', () => {
    const document = minimalPolicy();
    (document.tiers as Array<Record<string, unknown>>)[1] = {
      ...(document.tiers as Array<Record<string, unknown>>)[1],
      radiusMeters: '3 km',
    };
    const error = failure(document);
    expect(paths(error)).toEqual(['tiers.1.radiusMeters']);
    expect(error.issues[0]?.message).toEqual({
      en: 'expected a number, got "3 km"',
      'zh-CN': '应为数字，实际为 "3 km"',
    });
  });

  it('rejects a category that names a missing tier and suggests the real ones', () => {
    const error = failure(
      minimalPolicy({ categories: [{ code: 'tactile_paving', minTier: 'gold' }] }),
    );
    expect(paths(error)).toEqual(['categories.0.minTier']);
    expect(error.issues[0]?.code).toBe('unknown_tier');
    expect(error.issues[0]?.message.en).toContain('Fix: use one of base, high');
    expect(error.issues[0]?.message['zh-CN']).toContain('修改');
  });

  it('rejects named conditions that refer to each other in a circle', () => {
    const error = failure(
      minimalPolicy({
        conditions: { a: { all: [{ condition: 'b' }] }, b: { any: [{ condition: 'a' }] } },
        rules: [rule({ condition: 'a' })],
      }),
    );
    expect(error.issues.map((issue) => issue.code)).toEqual(['circular_reference']);
    expect(error.issues[0]?.message.en).toContain('a → b → a');
  });

  it('rejects an unknown fact, an unknown field and an unknown named condition', () => {
    const error = failure(
      minimalPolicy({
        rules: [
          rule({ all: [{ fact: 'weather', operator: 'equal', value: 'rain' }] }),
          rule(
            { all: [{ fact: 'participant', path: '$.levle', operator: 'equal', value: 1 }] },
            { name: 'r2' },
          ),
          rule({ not: { condition: 'nowhere' } }, { name: 'r3' }),
        ],
      }),
    );
    expect(paths(error)).toEqual(['rules.0.conditions.all.0.fact']);
    const second = failure(
      minimalPolicy({
        rules: [
          rule({ all: [{ fact: 'participant', path: '$.levle', operator: 'equal', value: 1 }] }),
          rule({ not: { condition: 'nowhere' } }, { name: 'r3' }),
        ],
      }),
    );
    expect(second.issues.map((issue) => [issue.path.join('.'), issue.code])).toEqual([
      ['rules.0.conditions.all.0.path', 'unknown_fact'],
      ['rules.1.conditions', 'unknown_condition'],
    ]);
    expect(second.issues[0]?.message.en).toContain('Fix: use one of id, kind');
  });

  it('reports every semantic problem at once', () => {
    const error = failure(
      minimalPolicy({
        tiers: [
          {
            id: 'a',
            name: { en: 'A', 'zh-CN': '甲' },
            minLevel: 1,
            radiusMeters: 10,
            maxDifficulty: 1,
          },
          {
            id: 'a',
            name: { en: 'A', 'zh-CN': '甲' },
            minLevel: 2,
            radiusMeters: 10,
            maxDifficulty: 1,
          },
        ],
        categories: [{ code: 'kite_rescue', minTier: 'a' }],
        rules: [
          rule(
            { all: [{ fact: 'task', operator: 'hasTag', value: 'x' }] },
            {
              reason: { code: 'own_task', message: { en: 'x', 'zh-CN': 'x' } },
            },
          ),
          rule(
            { all: [{ fact: 'task', path: '$.state', operator: 'in', value: 'published' }] },
            { name: 'r2' },
          ),
        ],
      }),
    );
    const found = error.issues.map((issue) => `${issue.path.join('.')} ${issue.code}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'tiers.1 duplicate',
        'tiers no_base_tier',
        'categories.0.name invalid_type',
        'rules.0.conditions.all.0 operator_misuse',
        'rules.0.reason.code reserved_code',
        'rules.1.conditions.all.0 operator_misuse',
      ]),
    );
    const newCategory = error.issues.find((issue) => issue.path.join('.') === 'categories.0.name');
    expect(newCategory?.message.en).toContain('"kite_rescue" is a new category');
    expect(newCategory?.message['zh-CN']).toContain('“kite_rescue”是新类别');
  });

  it('rejects a tier that starts above the next one, naming both', () => {
    const document = minimalPolicy();
    const [base, high] = document.tiers as { minLevel: number }[];
    expect(base && high).toBeTruthy();
    const tiers = [{ ...base }, { ...high, minLevel: 5 }, { ...high, id: 'mid', minLevel: 3 }];
    const error = failure({ ...document, tiers });
    expect(paths(error)).toEqual(['tiers.1.minLevel']);
    expect(error.issues[0]?.code).toBe('tiers_out_of_order');
    expect(error.message).toContain(
      '"high" starts at level 5, above the next tier "mid" (level 3)',
    );
    expect(error.messages['zh-CN']).toContain('高于下一个层级“mid”');
  });

  it('suggests the closest default category for a typo, in one issue', () => {
    const error = failure(minimalPolicy({ categories: [{ code: 'shared_bike_parkng' }] }));
    expect(paths(error)).toEqual(['categories.0.code']);
    expect(error.issues[0]?.code).toBe('unknown_category');
    expect(error.message).toContain('did you mean "shared_bike_parking"?');
    expect(error.messages['zh-CN']).toContain('是否应为“shared_bike_parking”');
  });

  it('gives the new-category hint once however many fields are missing', () => {
    const error = failure(minimalPolicy({ categories: [{ code: 'kite_rescue' }] }));
    expect(error.issues.length).toBeGreaterThan(1);
    expect(error.message.match(/is a new category/g)).toHaveLength(1);
  });

  it('accepts a complete new category and a category override', () => {
    const policy = loadPolicy(
      minimalPolicy({
        useDefaultCategories: false,
        categories: [
          {
            code: 'kite_rescue',
            name: { en: 'Kite in a tree', 'zh-CN': '树上风筝' },
            group: 'custom',
            defaultDifficulty: 2,
            defaultSensitivity: 'public',
            requiredQualifications: [],
            slaHours: 12,
            minTier: 'high',
          },
        ],
      }),
    );
    expect([...policy.categories.keys()]).toEqual(['kite_rescue']);
    expect(policy.categories.get('kite_rescue')?.minLevel).toBe(3);
  });

  it('rejects a bare comparison at a rule root and mixed condition shapes', () => {
    const error = failure(
      minimalPolicy({
        rules: [
          rule({ fact: 'task', operator: 'equal', value: 1 }),
          rule({ all: [{ fact: 'task', operator: 'equal' }] }, { name: 'r2' }),
        ],
      }),
    );
    expect(paths(error)).toEqual(['rules.0.conditions', 'rules.1.conditions.all.0.value']);
  });

  it('exports PolicySchema so a JSON Schema can be generated from it', () => {
    const schema = z.toJSONSchema(PolicySchema, { io: 'input' }) as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['tiers', 'rules', 'conditions']),
    );
  });
});

describe('loadPolicy on hostile files (#15)', () => {
  const nested = (depth: number) => {
    let condition: unknown = { fact: 'participant', operator: 'levelAtLeast', value: 1 };
    for (let level = 0; level < depth; level += 1) condition = { all: [condition] };
    return { ...minimalPolicy(), rules: [rule(condition)] };
  };

  it('refuses conditions nested 1,000 deep with a typed error naming the path, not a RangeError', () => {
    for (const input of [nested(1000), JSON.stringify(nested(1000))]) {
      const error = failure(input, { source: 'deep.json', format: 'json' });
      expect(error.code).toBe('invalid_policy');
      expect(error.issues[0]?.code).toBe('too_deep');
      expect(error.issues[0]?.path.slice(0, 4)).toEqual(['rules', 0, 'conditions', 'all']);
      expect(error.localized('en')).toMatch(/^deep\.json: rules\[0\]\.conditions\.all\[0\]/);
      expect(error.localized('zh-CN')).toContain('嵌套超过 64 层');
    }
  });

  it('keeps reasonable nesting and lets a trusted caller raise the depth limit', () => {
    expect(() => loadPolicy(nested(20))).not.toThrow();
    expect(failure(nested(40)).issues[0]?.code).toBe('too_deep');
    expect(() => loadPolicy(nested(40), { maxDepth: 200 })).not.toThrow();
  });

  it('refuses text over the size limit before parsing it', () => {
    // Not valid YAML either: a size error proves the parser never saw it.
    const huge = `{${'x'.repeat(2_000_000)}`;
    const error = failure(huge, { source: 'huge.yaml' });
    expect(error.issues[0]?.code).toBe('too_large');
    expect(error.localized('en')).toContain(
      'huge.yaml: (root): the file is larger than the limit of 1048576 bytes',
    );
    expect(failure(JSON.stringify(minimalPolicy()), { maxBytes: 100 }).issues[0]?.code).toBe(
      'too_large',
    );
    // Chinese text counts in UTF-8 bytes, three per character.
    const text = JSON.stringify({ ...minimalPolicy(), name: '圈'.repeat(400) });
    expect(failure(text, { maxBytes: text.length + 10 }).issues[0]?.code).toBe('too_large');
  });
});
