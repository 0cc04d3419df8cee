import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { safeParseInput } from '../src/index';

const schema = z.strictObject({
  radiusMeters: z.number().positive().max(5000),
  model: z.enum(['basic', 'extended']),
  id: z.string().min(3),
  tiers: z.array(z.string()).min(1),
  level: z.number().int(),
  open: z.boolean(),
});

const valid = { radiusMeters: 600, model: 'basic', id: 'abc', tiers: ['a'], level: 1, open: true };

function messages(input: Record<string, unknown>) {
  const result = safeParseInput(schema, { ...valid, ...input });
  if (result.ok) throw new Error('expected a failure');
  return result.error.issues.map((issue) => issue.message);
}

// Latin words that zod's own zh-CN messages leave in: type names and operators.
const englishInChinese = /\b(string|number|boolean|int|array|object)\b|[<>]=/;

describe('zod issues in each language', () => {
  it('names the expected type and echoes the value given', () => {
    expect(messages({ radiusMeters: '600米' })).toEqual([
      { en: 'expected a number, got "600米"', 'zh-CN': '应为数字，实际为 "600米"' },
    ]);
    expect(messages({ open: 'yes' })[0]?.['zh-CN']).toBe('应为true 或 false，实际为 "yes"');
    expect(messages({ radiusMeters: undefined })).toEqual([
      { en: 'required (a number), but missing', 'zh-CN': '必填项（数字）缺失' },
    ]);
  });

  it('words choices and bounds without English in the Chinese text', () => {
    const all = [
      ...messages({ model: 'both' }),
      ...messages({ id: 'ab' }),
      ...messages({ tiers: [] }),
      ...messages({ radiusMeters: 9000 }),
      ...messages({ radiusMeters: 0 }),
      ...messages({ level: 1.5 }),
      ...messages({ tiers: 'a' }),
    ];
    expect(all.map((message) => message.en)).toEqual([
      'expected one of "basic", "extended", got "both"',
      'needs at least 3 characters, got "ab"',
      'needs at least 1 entry, got a list',
      'must be at most 5000, got 9000',
      'must be greater than 0, got 0',
      'expected a whole number, got 1.5',
      'expected a list, got "a"',
    ]);
    for (const message of all) expect(message['zh-CN']).not.toMatch(englishInChinese);
    expect(all[0]?.['zh-CN']).toBe('应为 "basic"、"extended" 之一，实际为 "both"');
  });
});
