import { type Locale, QuanziError } from '@quanzi/core';

/** The report language `--lang` names: `en` or `zh-CN`; anything else is a typed error naming the flag. */
export function parseLang(value: string | undefined): Locale {
  if (value === undefined || value === 'en') return 'en';
  if (value === 'zh-CN') return 'zh-CN';
  throw new QuanziError({
    code: 'invalid_input',
    path: ['lang'],
    message: {
      en: `--lang must be en or zh-CN, not "${value}"`,
      'zh-CN': `--lang 只能是 en 或 zh-CN，不能是“${value}”`,
    },
  });
}
