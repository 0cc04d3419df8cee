import * as z from 'zod/mini';
import { bilingualMessage } from './bilingualMessage';

// C0 and C1 control characters. NUL cannot be stored in PostgreSQL text, and the
// rest hide text on screens and in logs; tab, LF and CR stay allowed in free text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const singleLine = /^[^\u0000-\u001f\u007f-\u009f]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const multiLine = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$/;
// As `singleLine`, and every surrogate in a pair: without the `u` flag, so JSON Schema
// carries it as it is.
const wellFormedLine =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /^(?:[^\u0000-\u001f\u007f-\u009f\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/;

/** Length limits and line policy for {@link plainText}. */
export interface PlainTextOptions {
  /** Fewest characters; 0 unless given. */
  readonly min?: number;
  /** Most characters. */
  readonly max: number;
  /** Free text that may hold tab, LF and CR; other control characters are still refused. */
  readonly multiline?: boolean;
  /**
   * Single-line text that also refuses an unpaired surrogate (half of a character, as
   * text cut in the middle of an emoji leaves). For a value stored in a PostgreSQL
   * `text` column, which keeps U+FFFD in its place: what is read back would differ.
   */
  readonly wellFormed?: boolean;
}

/**
 * The one string building block of Quanzi's schemas: a string of bounded length
 * without NUL or other C0/C1 control characters (tab, LF and CR only in
 * multi-line text). A pattern rather than a refinement so the JSON Schema
 * carries the same rule.
 *
 * @example
 * const TitleSchema = plainText({ min: 1, max: 200 });
 */
export function plainText(options: PlainTextOptions): z.ZodMiniString<string> {
  const pattern = options.multiline ? multiLine : options.wellFormed ? wellFormedLine : singleLine;
  return z.string().check(
    z.minLength(options.min ?? 0),
    z.maxLength(options.max),
    z.regex(pattern, {
      error: bilingualMessage(
        options.multiline
          ? {
              en: 'Control characters other than tab and line breaks are not allowed',
              'zh-CN': '除制表符和换行符外不允许控制字符',
            }
          : options.wellFormed
            ? {
                en: 'Control characters and half characters are not allowed',
                'zh-CN': '不允许控制字符和半个字符',
              }
            : { en: 'Control characters are not allowed', 'zh-CN': '不允许控制字符' },
      ),
    }),
  );
}
