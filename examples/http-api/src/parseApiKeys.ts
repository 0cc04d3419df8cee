import { IdSchema, parseInput, QuanziError } from '@quanzi/core';

/**
 * The Open311 API keys of `QUANZI_OPEN311_API_KEYS`: comma-separated `key=gateway`
 * pairs, each gateway the participant id its key submits as. A malformed pair throws
 * a `QuanziError` naming the variable, so the service does not start half-configured.
 *
 * @example
 * parseApiKeys('fms-7f3a9c=fixmystreet-gateway, app-2b=city-app');
 * // { 'fms-7f3a9c': 'fixmystreet-gateway', 'app-2b': 'city-app' }
 */
export function parseApiKeys(text: string, variable = 'QUANZI_OPEN311_API_KEYS') {
  const keys: Record<string, string> = {};
  for (const [index, pair] of text.split(',').entries()) {
    if (pair.trim() === '') continue;
    const match = /^\s*([\x21-\x7e]+?)\s*=\s*(\S+)\s*$/.exec(pair);
    const key = match?.[1];
    if (!match || key === undefined || key in keys)
      throw new QuanziError({
        code: 'invalid_input',
        path: [variable, index],
        message: {
          en: 'expected key=participant, each key once and without spaces',
          'zh-CN': '应为 key=参与者，每个 key 只出现一次且不含空格',
        },
      });
    keys[key] = parseInput(IdSchema, match[2], { path: [variable, index] });
  }
  return keys;
}
