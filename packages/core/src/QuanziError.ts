import type { Locale, LocalizedText } from './LocalizedText';

/**
 * The closed set of error codes. Expected outcomes (a denied claim, a lost race)
 * are returned values, not errors; these codes are for input that cannot be used
 * or for a broken environment.
 */
export const quanziErrorCodes = [
  'invalid_input',
  'invalid_policy',
  'invalid_formula',
  'invalid_scenario',
  'invalid_transition',
  'forbidden',
  'not_found',
  'conflict',
  'idempotency_mismatch',
  'storage_failure',
  'audit_broken',
  'unsupported',
  'internal',
] as const;

/** One of {@link quanziErrorCodes}. */
export type QuanziErrorCode = (typeof quanziErrorCodes)[number];

/** A field path, as zod reports it: object keys and array indexes. */
export type FieldPath = ReadonlyArray<string | number>;

/** One problem inside a {@link QuanziError}, usually one bad field. */
export interface QuanziIssue {
  /** Where the problem is, e.g. `['tiers', 2, 'radiusMeters']`. */
  readonly path: FieldPath;
  /** A machine-readable sub-code, e.g. zod's `invalid_type`. */
  readonly code: string;
  /** The problem in both languages. */
  readonly message: LocalizedText;
}

/** What a {@link QuanziError} is built from. */
export interface QuanziErrorOptions {
  readonly code: QuanziErrorCode;
  readonly message?: LocalizedText;
  readonly path?: FieldPath;
  readonly issues?: ReadonlyArray<QuanziIssue>;
  readonly cause?: unknown;
}

const brand = Symbol.for('@quanzi/core/QuanziError');

const defaultMessages: Record<QuanziErrorCode, LocalizedText> = {
  invalid_input: { en: 'Invalid input', 'zh-CN': '输入无效' },
  invalid_policy: { en: 'Invalid policy file', 'zh-CN': '策略文件无效' },
  invalid_formula: { en: 'Invalid assessment formula', 'zh-CN': '考核公式无效' },
  invalid_scenario: { en: 'Invalid simulation scenario', 'zh-CN': '仿真场景无效' },
  invalid_transition: { en: 'This step is not possible now', 'zh-CN': '当前状态下无法执行此操作' },
  forbidden: { en: 'Not permitted', 'zh-CN': '无权执行此操作' },
  not_found: { en: 'Not found', 'zh-CN': '未找到' },
  conflict: { en: 'Conflicting change', 'zh-CN': '数据冲突' },
  idempotency_mismatch: {
    en: 'The idempotency key was already used for a different request',
    'zh-CN': '该幂等键已用于另一个不同的请求',
  },
  storage_failure: { en: 'Storage failed', 'zh-CN': '存储失败' },
  audit_broken: { en: 'The audit chain is broken', 'zh-CN': '审计链已被破坏' },
  unsupported: { en: 'Not supported', 'zh-CN': '不支持' },
  internal: { en: 'Internal error', 'zh-CN': '内部错误' },
};

function formatPath(path: FieldPath): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key),
    '',
  );
}

/**
 * The one error class of Quanzi: a closed `code`, the offending field path, a
 * message in English and Chinese, the individual issues and the `cause`.
 *
 * @example
 * try { parseInput(TaskSchema, body) } catch (e) {
 *   if (isQuanziError(e)) show(e.localized('zh-CN'));
 * }
 */
export class QuanziError extends Error {
  readonly [brand] = true;
  readonly code: QuanziErrorCode;
  readonly path: FieldPath;
  readonly issues: ReadonlyArray<QuanziIssue>;
  /** The message in both languages; `message` is the English one. */
  readonly messages: LocalizedText;

  constructor(options: QuanziErrorOptions) {
    const messages = options.message ?? defaultMessages[options.code];
    super(messages.en, { cause: options.cause });
    this.name = 'QuanziError';
    this.code = options.code;
    this.path = options.path ?? options.issues?.[0]?.path ?? [];
    this.issues = options.issues ?? [];
    this.messages = messages;
  }

  /** The message in `locale`. */
  localized(locale: Locale): string {
    return this.messages[locale];
  }

  /** A plain object safe to send over the wire (no stack, no cause). */
  toJSON(): { code: QuanziErrorCode; path: string; message: LocalizedText; issues: QuanziIssue[] } {
    return {
      code: this.code,
      path: formatPath(this.path),
      message: this.messages,
      issues: [...this.issues],
    };
  }
}

/**
 * True for any {@link QuanziError}, also one thrown by another copy of this
 * package in the same process (the brand is a registered symbol, not a class).
 */
export function isQuanziError(value: unknown): value is QuanziError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[brand] === true
  );
}

/** Renders a field path the way people read it: `tiers[2].radiusMeters`. */
export { formatPath };
