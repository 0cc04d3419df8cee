import { formatPath, parseInput, QuanziError, type QuanziIssue } from '@quanzi/core';
import { parse as parseYaml } from 'yaml';
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
}

function policyError(issues: QuanziIssue[], source: string | undefined, cause?: unknown) {
  const where = (found: QuanziIssue) => formatPath(found.path) || '(root)';
  const prefix = source ? { en: `${source}: `, zh: `${source}：` } : { en: '', zh: '' };
  return new QuanziError({
    code: 'invalid_policy',
    message: {
      en: prefix.en + issues.map((found) => `${where(found)}: ${found.message.en}`).join('; '),
      'zh-CN':
        prefix.zh + issues.map((found) => `${where(found)}：${found.message['zh-CN']}`).join('；'),
    },
    issues,
    cause,
  });
}

function parseText(text: string, options: LoadPolicyOptions): unknown {
  const format = options.format ?? (options.source?.endsWith('.json') ? 'json' : 'yaml');
  try {
    return format === 'json' ? JSON.parse(text) : parseYaml(text);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw policyError(
      [
        {
          path: [],
          code: 'syntax',
          message: {
            en: `Not valid ${format.toUpperCase()}: ${detail}. Fix: correct the syntax at the place named`,
            'zh-CN': `不是有效的 ${format.toUpperCase()}：${detail}。修改：更正所指位置的语法`,
          },
        },
      ],
      options.source,
      cause,
    );
  }
}

/**
 * Reads, validates and compiles a circle policy. Anything wrong — syntax, an unknown
 * operator, a wrong type, a missing tier, a circular reference, an unknown fact —
 * throws one `QuanziError('invalid_policy')` listing every problem with its path and
 * a fix, in English and Chinese. Nothing half-loads.
 *
 * @example
 * const policy = loadPolicy(readFileSync(file, 'utf8'), { source: file });
 */
export function loadPolicy(input: unknown, options: LoadPolicyOptions = {}): Policy {
  const data = typeof input === 'string' ? parseText(input, options) : input;
  const document = parseInput(PolicySchema, data, {
    code: 'invalid_policy',
    ...(options.source ? { source: options.source } : {}),
  });
  const issues = policyIssues(document);
  if (issues.length > 0) throw policyError(issues, options.source);
  return createPolicy(document, options.compile);
}
