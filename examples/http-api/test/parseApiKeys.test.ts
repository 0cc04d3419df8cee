import { isQuanziError } from '@quanzi/core';
import { describe, expect, it } from 'vitest';
import { parseApiKeys } from '../src/parseApiKeys';

describe('parseApiKeys (QUANZI_OPEN311_API_KEYS)', () => {
  it('reads comma-separated key=gateway pairs', () => {
    expect(parseApiKeys(' fms-7f3a9c = fixmystreet-gateway ,app-2b=city-app,')).toEqual({
      'fms-7f3a9c': 'fixmystreet-gateway',
      'app-2b': 'city-app',
    });
    expect(parseApiKeys('')).toEqual({});
  });

  it.each([
    ['no gateway', 'fms-7f3a9c', 1],
    ['a space in the key', 'fms 7f3a9c=gw', 1],
    ['a key twice', 'a=gw1,a=gw2', 2],
    ['an empty gateway', 'a=', 1],
  ])('refuses %s, naming the variable and the pair', (_, text, index) => {
    let caught: unknown;
    try {
      parseApiKeys(`ok=gw,${text}`);
    } catch (error) {
      caught = error;
    }
    expect(isQuanziError(caught)).toBe(true);
    if (!isQuanziError(caught)) return;
    expect(caught.code).toBe('invalid_input');
    const paths = [caught.path, ...caught.issues.map((issue) => issue.path)];
    expect(paths).toContainEqual(['QUANZI_OPEN311_API_KEYS', index]);
    expect(caught.messages['zh-CN']).not.toMatch(/[a-z]{4,} [a-z]{4,}/);
  });
});
