import * as z from 'zod/mini';
import { bilingualMessage } from './bilingualMessage';

// C0 and C1 control characters. NUL cannot be stored in PostgreSQL text, and the
// rest hide text on screens and in logs; tab, LF and CR stay allowed in free text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const singleLine = /^[^\u0000-\u001f\u007f-\u009f]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const multiLine = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$/;

/** Length limits and line policy for {@link plainText}. */
export interface PlainTextOptions {
  /** Fewest characters; 0 unless given. */
  readonly min?: number;
  /** Most characters. */
  readonly max: number;
  /** Free text that may hold tab, LF and CR; other control characters are still refused. */
  readonly multiline?: boolean;
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
  const pattern = options.multiline ? multiLine : singleLine;
  return z.string().check(
    z.minLength(options.min ?? 0),
    z.maxLength(options.max),
    z.regex(pattern, {
      error: options.multiline
        ? bilingualMessage({
            en: 'Control characters other than tab and line breaks are not allowed',
            'zh-CN': '除制表符和换行符外不允许控制字符',
          })
        : bilingualMessage({ en: 'Control characters are not allowed', 'zh-CN': '不允许控制字符' }),
    }),
  );
}
