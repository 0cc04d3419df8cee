import { parse as parseYaml } from 'yaml';
import type * as z from 'zod/mini';
import { checkDocumentLimits } from './checkDocumentLimits';
import { errorFromIssues, parseInput } from './parseInput';
import type { QuanziErrorCode } from './QuanziError';
import { syntaxIssue } from './syntaxIssue';

/** Options for {@link parseDocument} and {@link loadDocument}. */
export interface DocumentOptions {
  /** Largest text read, in UTF-8 bytes; default 1 MiB. Checked before parsing. */
  readonly maxBytes?: number;
  /** Deepest nesting of objects and arrays read; default 64. Checked before validation. */
  readonly maxDepth?: number;
  /** How to read a string; by default from `source`'s extension, else YAML (a superset of JSON). */
  readonly format?: 'json' | 'yaml';
  /** The file name, named first in every error. */
  readonly source?: string;
  /** The error code for anything wrong with the document, e.g. `invalid_policy`. */
  readonly code?: QuanziErrorCode;
}

/**
 * Reads JSON or YAML text into data; a syntax error becomes a `QuanziError` that
 * names the file, the line and the problem in English and Chinese. Text over
 * `maxBytes` is refused before parsing, data nested over `maxDepth` right after.
 */
export function parseDocument(text: string, options: DocumentOptions = {}): unknown {
  const format =
    options.format ?? (options.source?.toLowerCase().endsWith('.json') ? 'json' : 'yaml');
  checkDocumentLimits(text, options);
  let data: unknown;
  try {
    data = format === 'json' ? JSON.parse(text) : parseYaml(text);
  } catch (cause) {
    throw errorFromIssues(
      options.code ?? 'invalid_input',
      [syntaxIssue(text, format, cause)],
      options.source,
      cause,
    );
  }
  checkDocumentLimits(data, options);
  return data;
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
export function loadDocument<TSchema extends z.core.$ZodType>(
  schema: TSchema,
  input: unknown,
  options: DocumentOptions = {},
): z.output<TSchema> {
  const data = typeof input === 'string' ? parseDocument(input, options) : input;
  if (typeof input !== 'string') checkDocumentLimits(data, options);
  return parseInput(schema, data, { code: options.code, source: options.source });
}
