import { en, zhCN } from 'zod/locales';
import * as z from 'zod/mini';
import { bilingualMessageFor } from './bilingualMessage';
import {
  type FieldPath,
  formatPath,
  QuanziError,
  type QuanziErrorCode,
  type QuanziIssue,
} from './QuanziError';
import { zodIssueMessage } from './zodIssueMessage';

// Only the two locales Quanzi speaks, imported one by one so bundles leave the rest out.
const english = en().localeError;
const chinese = zhCN().localeError;

/** Options for {@link parseInput} and {@link safeParseInput}. */
export interface ParseOptions {
  /** The error code to raise; `invalid_input` unless it is a policy, formula or scenario. */
  readonly code?: QuanziErrorCode;
  /** Prefix for every issue path, e.g. the command field the payload came from. */
  readonly path?: FieldPath;
  /** Where the input came from (a file path), named first in the message. */
  readonly source?: string;
}

/** The outcome of {@link safeParseInput}. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: QuanziError };

function toIssues(
  error: z.core.$ZodError,
  prefix: FieldPath,
  zh: z.core.$ZodError | undefined,
  input: unknown,
): QuanziIssue[] {
  return error.issues.map((issue, i) => {
    const path = [...prefix, ...(issue.path as Array<string | number>)];
    const zhIssue = zh?.issues[i];
    const own = bilingualMessageFor(issue.message) ?? zodIssueMessage(issue, input);
    return {
      path,
      code: issue.code,
      message: own ?? { en: issue.message, 'zh-CN': zhIssue?.message ?? issue.message },
    };
  });
}

/**
 * One error for a list of issues, its message naming the source file and every
 * issue's path, in English and Chinese. Loaders that add their own semantic
 * checks to a schema's use it so all errors read alike.
 */
export function errorFromIssues(
  code: QuanziErrorCode,
  issues: QuanziIssue[],
  source?: string,
  cause?: unknown,
): QuanziError {
  // An issue of the whole document has no path; it is named as such in each language.
  const where = (issue: QuanziIssue, whole: string) => formatPath(issue.path) || whole;
  const en = issues.map((issue) => `${where(issue, '(root)')}: ${issue.message.en}`).join('; ');
  const zh = issues
    .map((issue) => `${where(issue, '（整个文档）')}：${issue.message['zh-CN']}`)
    .join('；');
  const from = source ? { en: `${source}: `, zh: `${source}：` } : { en: '', zh: '' };
  return new QuanziError({
    code,
    message: { en: `${from.en}${en}`, 'zh-CN': `${from.zh}${zh}` },
    issues,
    cause,
  });
}

/**
 * Validates `input` against `schema` without throwing: an invalid value becomes a
 * {@link QuanziError} whose issues name every bad field, in English and Chinese.
 */
export function safeParseInput<TSchema extends z.core.$ZodType>(
  schema: TSchema,
  input: unknown,
  options: ParseOptions = {},
): ParseResult<z.output<TSchema>> {
  const result = z.safeParse(schema, input, { error: english });
  if (result.success) return { ok: true, value: result.data };
  // The failure path is rare, so a second pass for the Chinese wording is cheaper
  // than carrying both messages through every successful parse.
  const zh = z.safeParse(schema, input, { error: chinese });
  const issues = toIssues(
    result.error,
    options.path ?? [],
    zh.success ? undefined : zh.error,
    input,
  );
  return {
    ok: false,
    error: errorFromIssues(options.code ?? 'invalid_input', issues, options.source, result.error),
  };
}

/**
 * Validates `input` against `schema` and returns the parsed value, or throws a
 * {@link QuanziError} naming each bad field.
 *
 * @example
 * const task = parseInput(TaskSchema, JSON.parse(body));
 */
export function parseInput<TSchema extends z.core.$ZodType>(
  schema: TSchema,
  input: unknown,
  options: ParseOptions = {},
): z.output<TSchema> {
  const result = safeParseInput(schema, input, options);
  if (!result.ok) throw result.error;
  return result.value;
}
