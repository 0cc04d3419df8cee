import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { errorFromIssues, parseInput } from './parseInput';
import type { QuanziErrorCode } from './QuanziError';

/** Options for {@link parseDocument} and {@link loadDocument}. */
export interface DocumentOptions {
  /** How to read a string; by default from `source`'s extension, else YAML (a superset of JSON). */
  readonly format?: 'json' | 'yaml';
  /** The file name, named first in every error. */
  readonly source?: string;
  /** The error code for anything wrong with the document, e.g. `invalid_policy`. */
  readonly code?: QuanziErrorCode;
}

/**
 * Reads JSON or YAML text into data; a syntax error becomes a `QuanziError` that
 * names the file, the line and the problem in English and Chinese.
 */
export function parseDocument(text: string, options: DocumentOptions = {}): unknown {
  const format =
    options.format ?? (options.source?.toLowerCase().endsWith('.json') ? 'json' : 'yaml');
  try {
    return format === 'json' ? JSON.parse(text) : parseYaml(text);
  } catch (cause) {
    const detail = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0];
    const kind = format.toUpperCase();
    throw errorFromIssues(
      options.code ?? 'invalid_input',
      [
        {
          path: [],
          code: 'syntax',
          message: {
            en: `not valid ${kind}: ${detail}. Fix the syntax at the place named`,
            'zh-CN': `不是有效的 ${kind}：${detail}。请更正所指位置的语法`,
          },
        },
      ],
      options.source,
      cause,
    );
  }
}

/**
 * Reads a configuration document — text (JSON or YAML) or already-parsed data —
 * and validates it against `schema`, so every loader (policies, formulas,
 * scenarios) reports errors the same way: the file, each bad field, both languages.
 *
 * @example
 * const formula = loadDocument(FormulaSchema, readFileSync(file, 'utf8'),
 *   { source: file, code: 'invalid_formula' });
 */
export function loadDocument<TSchema extends z.ZodType>(
  schema: TSchema,
  input: unknown,
  options: DocumentOptions = {},
): z.output<TSchema> {
  const data = typeof input === 'string' ? parseDocument(input, options) : input;
  return parseInput(schema, data, { code: options.code, source: options.source });
}
