import * as z from 'zod/mini';
import { plainText } from './plainText';

/** The locales every user-facing message ships in. */
export const locales = ['en', 'zh-CN'] as const;

/** A locale Quanzi speaks: `en` or `zh-CN`. */
export type Locale = (typeof locales)[number];

/**
 * A message or name in English and Simplified Chinese.
 *
 * @example
 * const name: LocalizedText = { en: 'Shared bike parking', 'zh-CN': '共享单车停放' };
 */
export const LocalizedTextSchema = z.strictObject({
  en: plainText({ min: 1, max: 2000, multiline: true }),
  'zh-CN': plainText({ min: 1, max: 2000, multiline: true }),
});

/** A message or name in English and Simplified Chinese. */
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** Picks the text for `locale`, falling back to English. */
export function localize(text: LocalizedText, locale: Locale = 'en'): string {
  return text[locale] ?? text.en;
}
