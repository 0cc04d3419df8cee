import { describe, expect, it } from 'vitest';
import { CircleSchema, plainText, plural, safeParseInput } from '../src/index';

const cjk = /[\u4e00-\u9fff]/;

describe('messages in each language', () => {
  it('chooses the English plural form and keeps Chinese in its one form', () => {
    const places = (count: number) =>
      plural(
        count,
        { one: 'The only place is taken', other: 'All # places are taken' },
        { other: '全部 # 个名额已满' },
      );
    expect(places(1)).toEqual({ en: 'The only place is taken', 'zh-CN': '全部 1 个名额已满' });
    expect(places(3)).toEqual({ en: 'All 3 places are taken', 'zh-CN': '全部 3 个名额已满' });
    expect(places(0).en).toBe('All 0 places are taken');
  });

  it("gives a schema's own message in English and in Chinese, never both in one string", () => {
    const id = safeParseInput(CircleSchema, { id: 'bad id!', name: { en: 'x', 'zh-CN': 'x' } });
    expect(id.ok).toBe(false);
    if (id.ok) return;
    const issue = id.error.issues.find((found) => found.path[0] === 'id');
    expect(issue?.message).toEqual({
      en: 'Use letters, digits and _ - . : only',
      'zh-CN': '只能使用字母、数字和 _ - . :',
    });
    const control = safeParseInput(plainText({ max: 10 }), 'a\u0007b');
    expect(control.ok).toBe(false);
    if (control.ok) return;
    expect(control.error.messages.en).not.toMatch(cjk);
    expect(control.error.messages.en).not.toContain(' / ');
    expect(control.error.messages['zh-CN']).toContain('不允许控制字符');
  });
});
