import type { Locale, LocalizedText } from './LocalizedText';

/** Wordings by CLDR plural category; `#` stands for the count. `other` is required. */
export interface PluralForms {
  readonly zero?: string;
  readonly one?: string;
  readonly two?: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
}

const rules = new Map<Locale, Intl.PluralRules>();

function select(locale: Locale, count: number): Intl.LDMLPluralRule {
  let found = rules.get(locale);
  if (!found) {
    found = new Intl.PluralRules(locale);
    rules.set(locale, found);
  }
  return found.select(count);
}

/**
 * A message with a count, in both languages, choosing each language's plural form
 * with the platform's `Intl.PluralRules` (ICU's plural rules, no message-format
 * library in the bundle).
 *
 * @example
 * plural(1, { one: 'The only place is taken', other: 'All # places are taken' },
 *   { other: '全部 # 个名额已满' }); // en: 'The only place is taken'
 */
export function plural(count: number, en: PluralForms, zh: PluralForms): LocalizedText {
  const pick = (locale: Locale, forms: PluralForms) =>
    (forms[select(locale, count)] ?? forms.other).replaceAll('#', String(count));
  return { en: pick('en', en), 'zh-CN': pick('zh-CN', zh) };
}
