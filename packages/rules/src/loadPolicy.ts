import { errorFromIssues, loadDocument, type QuanziIssue } from '@quanzi/core';
import type { CompileMode } from './compileCondition';
import { createPolicy, type Policy } from './createPolicy';
import { PolicySchema } from './PolicySchema';
import { policyIssues } from './policyIssues';

/** Options for {@link loadPolicy}. */
export interface LoadPolicyOptions {
  /** How to read a string; by default from `source`'s extension, else YAML (which also reads JSON). */
  format?: 'json' | 'yaml';
  /** The file name, shown first in every error message. */
  source?: string;
  /**
   * How rules compile. By default `generate` where the realm allows building code from
   * strings, else `closures`; pass `closures` under a Content Security Policy without
   * `'unsafe-eval'` so the one-time probe does not raise a violation report. Decisions
   * are the same either way.
   */
  compile?: CompileMode;
  /**
   * Largest policy text accepted, in UTF-8 bytes (default 1 MiB). Checked before
   * parsing, so a huge file is refused at once.
   */
  maxBytes?: number;
  /**
   * Deepest nesting of objects and arrays accepted (default 64, about 28 nested
   * `all`/`any` groups). Checked before validation, so a hostile file cannot
   * exhaust the stack.
   */
  maxDepth?: number;
}

// Policy errors read like every other document error, under the policy's own code.
const policyError = (issues: QuanziIssue[], source: string | undefined) =>
  errorFromIssues('invalid_policy', issues, source);

/**
 * Reads, validates and compiles a circle policy. Anything wrong — syntax, an unknown
 * operator, a wrong type, a missing tier, a circular reference, an unknown fact —
 * throws one `QuanziError('invalid_policy')` listing every problem with its path and
 * a fix, in English and Chinese. Nothing half-loads. A file over `maxBytes` or nested
 * over `maxDepth` is refused before the expensive parse.
 *
 * @example
 * const policy = loadPolicy(readFileSync(file, 'utf8'), { source: file });
 */
export function loadPolicy(input: unknown, options: LoadPolicyOptions = {}): Policy {
  const { compile, ...documentOptions } = options;
  const document = loadDocument(PolicySchema, input, {
    ...documentOptions,
    code: 'invalid_policy',
  });
  const issues = policyIssues(document);
  if (issues.length > 0) throw policyError(issues, options.source);
  return createPolicy(document, compile);
}
