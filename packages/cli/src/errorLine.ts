import { isQuanziError, type Locale } from '@quanzi/core';

/**
 * The one line `quanzi` prints on stderr for an error, in the language of `--lang`:
 * `error [invalid_policy]: p.yaml: …` / `错误 [invalid_policy]：p.yaml：…`. The code in brackets
 * stays the same in both languages, so a script can match it whatever the reader's language.
 */
export function errorLine(error: unknown, lang: Locale): string {
  const [label, colon] = lang === 'zh-CN' ? ['错误', '：'] : ['error', ': '];
  if (isQuanziError(error)) return `${label} [${error.code}]${colon}${error.localized(lang)}`;
  const message = error instanceof Error ? error.message : String(error);
  return `${label}${colon}${message.split('\n')[0]}`;
}
