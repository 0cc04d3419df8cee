import { checkDocumentLimits, errorFromIssues, parseInput, type QuanziIssue } from '@quanzi/core';
import type { CompileMode } from './compileCondition';
import { createPolicy, type Policy } from './createPolicy';
import { PolicySchema } from './PolicySchema';
import { policyIssues } from './policyIssues';

/** Options for {@link loadPolicy}. */
export interface LoadPolicyOptions {
  /**
   * How `@quanzi/rules/files` reads text; by default from `source`'s extension, else
   * YAML (which also reads JSON).
   */
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
   * Largest policy text `@quanzi/rules/files` accepts, in UTF-8 bytes (default 1 MiB).
   * Checked before parsing, so a huge file is refused at once.
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

// Text needs the YAML parser, which this entry leaves out of browser bundles on purpose.
const textGiven: QuanziIssue = {
  path: [],
  code: 'text_given',
  message: {
    en: "got policy text, expected a parsed policy document. Fix: import loadPolicy from '@quanzi/rules/files' to read JSON or YAML text",
    'zh-CN':
      "收到的是策略文本，应为已解析的策略文档。修改：从 '@quanzi/rules/files' 导入 loadPolicy 来读取 JSON 或 YAML 文本",
  },
};

/**
 * Validates and compiles a circle policy document (parsed data, e.g. a JSON response
 * or a config object). Anything wrong — an unknown operator, a wrong type, a missing
 * tier, a circular reference, an unknown fact — throws one
 * `QuanziError('invalid_policy')` listing every problem with its path and a fix, in
 * English and Chinese. Nothing half-loads. Data nested over `maxDepth` is refused
 * before validation. To read a policy file's JSON or YAML text, use `loadPolicy`
 * from `@quanzi/rules/files`, which keeps the YAML parser out of this entry.
 *
 * @example
 * const policy = loadPolicy(await (await fetch('/circle/policy.json')).json());
 */
export function loadPolicy(document: unknown, options: LoadPolicyOptions = {}): Policy {
  if (typeof document === 'string') throw policyError([textGiven], options.source);
  const { compile, ...limits } = options;
  checkDocumentLimits(document, { ...limits, code: 'invalid_policy' });
  const parsed = parseInput(PolicySchema, document, {
    code: 'invalid_policy',
    source: options.source,
  });
  const issues = policyIssues(parsed);
  if (issues.length > 0) throw policyError(issues, options.source);
  return createPolicy(parsed, compile);
}
