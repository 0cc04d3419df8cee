import type { LocalizedText } from './LocalizedText';
import { plural } from './plural';

// What a field should be, in words a clerk writing a policy file knows.
const typeNames: Record<string, LocalizedText> = {
  number: { en: 'a number', 'zh-CN': '数字' },
  int: { en: 'a whole number', 'zh-CN': '整数' },
  string: { en: 'text', 'zh-CN': '文本' },
  boolean: { en: 'true or false', 'zh-CN': 'true 或 false' },
  array: { en: 'a list', 'zh-CN': '列表' },
  object: { en: 'an object (key: value)', 'zh-CN': '对象（键: 值）' },
};

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

// The bad value echoed back: short scalars as written, containers by their kind.
function shown(value: unknown): LocalizedText {
  if (Array.isArray(value)) return { en: 'a list', 'zh-CN': '列表' };
  if (typeof value === 'object' && value !== null) return { en: 'an object', 'zh-CN': '对象' };
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  const cut = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return { en: cut, 'zh-CN': cut };
}

type Loose = Record<string, unknown> & { code: string; path: PropertyKey[] };

function typeMessage(issue: Loose, value: unknown): LocalizedText {
  const expected = String(issue.expected);
  const want = typeNames[expected] ?? { en: expected, 'zh-CN': expected };
  if (value === undefined)
    return { en: `required (${want.en}), but missing`, 'zh-CN': `必填项（${want['zh-CN']}）缺失` };
  const got = shown(value);
  return {
    en: `expected ${want.en}, got ${got.en}`,
    'zh-CN': `应为${want['zh-CN']}，实际为 ${got['zh-CN']}`,
  };
}

function boundMessage(issue: Loose, value: unknown): LocalizedText | undefined {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  const inclusive = issue.inclusive !== false;
  const got = shown(value);
  const tail = { en: `, got ${got.en}`, zh: `，实际为 ${got['zh-CN']}` };
  if (issue.origin === 'number' || issue.origin === 'int') {
    const en = small
      ? inclusive
        ? 'at least'
        : 'greater than'
      : inclusive
        ? 'at most'
        : 'less than';
    const zh = small ? (inclusive ? '不小于' : '大于') : inclusive ? '不大于' : '小于';
    return { en: `must be ${en} ${limit}${tail.en}`, 'zh-CN': `应${zh} ${limit}${tail.zh}` };
  }
  const unit =
    issue.origin === 'string'
      ? plural(limit, { one: '# character', other: '# characters' }, { other: '# 个字符' })
      : issue.origin === 'array'
        ? plural(limit, { one: '# entry', other: '# entries' }, { other: '# 项' })
        : undefined;
  if (!unit) return undefined;
  return small
    ? { en: `needs at least ${unit.en}${tail.en}`, 'zh-CN': `至少需要 ${unit['zh-CN']}${tail.zh}` }
    : { en: `allows at most ${unit.en}${tail.en}`, 'zh-CN': `最多 ${unit['zh-CN']}${tail.zh}` };
}

/**
 * Quanzi's own wording for the zod issues people meet most in files — wrong type,
 * value not among the choices, too small or too large — naming what was expected
 * and echoing the value given, each sentence in one language. Other issues keep
 * zod's locale messages.
 */
export function zodIssueMessage(
  zodIssue: { readonly code: string; readonly path: PropertyKey[] },
  input: unknown,
): LocalizedText | undefined {
  const issue = zodIssue as unknown as Loose;
  if (issue.code === 'invalid_type') return typeMessage(issue, valueAt(input, issue.path));
  if (issue.code === 'too_small' || issue.code === 'too_big')
    return boundMessage(issue, valueAt(input, issue.path));
  if (issue.code === 'invalid_value' && Array.isArray(issue.values)) {
    const choices = issue.values.map((choice) => JSON.stringify(choice));
    const got = shown(valueAt(input, issue.path));
    return {
      en: `expected one of ${choices.join(', ')}, got ${got.en}`,
      'zh-CN': `应为 ${choices.join('、')} 之一，实际为 ${got['zh-CN']}`,
    };
  }
  return undefined;
}
