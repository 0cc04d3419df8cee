import { type CompileMode, loadPolicy } from '@quanzi/rules';
import { describe, expect, it } from 'vitest';
import { codes, context, facts, minimalPolicy, open } from './fixtures';

// Values that would break out of generated source if they were ever spliced into it.
const hostile = [
  "x')); globalThis.quanziPwned = 1; (('",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholder is the attack.
  '`${(globalThis.quanziPwned = 2)}`',
  '\u2028"); globalThis.quanziPwned = 3; //',
];

const modes: CompileMode[] = ['generate', 'closures'];

describe.each(modes)('compile mode %s', (compile) => {
  const policy = loadPolicy(
    minimalPolicy({
      useDefaultCategories: true,
      rules: hostile.map((tag, index) => ({
        name: `no_tag_${index}`,
        actions: ['claim'],
        conditions: { all: [{ fact: 'participant', operator: 'hasTag', value: tag }] },
        reason: { code: `tagged_${index}`, message: { en: 'Tagged', 'zh-CN': '有标签' } },
      })),
    }),
    { compile },
  );

  it('treats policy values as data: hostile strings only ever compare', () => {
    const task = open();
    expect(policy.decide('claim', facts({}, 0, []), task, context()).allowed).toBe(true);
    for (const [index, tag] of hostile.entries()) {
      const decision = policy.decide('claim', facts({}, 0, [tag]), task, context());
      expect(codes(decision)).toEqual([`tagged_${index}`]);
    }
    expect((globalThis as { quanziPwned?: number }).quanziPwned).toBeUndefined();
  });

  it('shares frozen explanations between decisions, so no caller can alter another’s', () => {
    const far = facts({}, 0, []);
    const first = policy.decide('claim', far, open({ difficulty: 5 }), context());
    const second = policy.decide('claim', far, open({ difficulty: 5 }), context());
    expect(codes(first)).toEqual(['level_too_low']);
    expect(second.reasons[0]?.message).toBe(first.reasons[0]?.message);
    expect(Object.isFrozen(first.reasons[0]?.message)).toBe(true);
    expect(() => {
      (first.reasons[0]?.message as { en: string }).en = 'changed';
    }).toThrow(TypeError);
  });
});
