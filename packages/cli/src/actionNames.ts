import type { LocalizedText } from '@quanzi/core';
import type { Action } from '@quanzi/rules';

/** The five actions in the glossary's words. */
export const actionNames: Record<Action, LocalizedText> = {
  discover: { en: 'discover', 'zh-CN': '发现' },
  view: { en: 'view', 'zh-CN': '查看' },
  claim: { en: 'claim', 'zh-CN': '接包' },
  publish: { en: 'publish', 'zh-CN': '发包' },
  verify: { en: 'verify', 'zh-CN': '验收' },
};
