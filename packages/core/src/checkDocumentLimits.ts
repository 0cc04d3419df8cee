import { errorFromIssues } from './parseInput';
import { plural } from './plural';
import type { FieldPath, QuanziErrorCode } from './QuanziError';

/** The largest document read by default: 1 MiB, far above any real policy (a few kB). */
export const defaultMaxDocumentBytes = 1_048_576;

/**
 * The deepest nesting of objects and arrays read by default. A condition takes two
 * levels per `all`/`any`, so this allows about 28 nested groups — far more than a
 * person can read — while a hostile file cannot exhaust the stack.
 */
export const defaultMaxDocumentDepth = 64;

/** Limits for {@link checkDocumentLimits}; both have documented defaults. */
export interface DocumentLimits {
  /** Largest text accepted, in UTF-8 bytes. Default {@link defaultMaxDocumentBytes}. */
  readonly maxBytes?: number;
  /** Deepest nesting of objects/arrays accepted. Default {@link defaultMaxDocumentDepth}. */
  readonly maxDepth?: number;
  /** The error code, e.g. `invalid_policy`. */
  readonly code?: QuanziErrorCode;
  /** The file name, named first in the error. */
  readonly source?: string;
}

function utf8Length(text: string, limit: number): number {
  // Every UTF-16 unit is at least one UTF-8 byte: a text longer than the limit in
  // units is over it in bytes without encoding 40 MB first.
  if (text.length > limit) return text.length;
  return new TextEncoder().encode(text).length;
}

function deepestPath(data: unknown, maxDepth: number): FieldPath | null {
  // Iterative, so the check itself cannot overflow the stack it protects.
  const stack: { value: unknown; path: FieldPath }[] = [{ value: data, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: FieldPath };
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= maxDepth) return path;
    const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
    for (const [key, child] of entries) stack.push({ value: child, path: [...path, key] });
  }
  return null;
}

/**
 * Refuses a document that is too large (when `input` is text) or nested too deeply
 * (when it is data), with a `QuanziError` naming the file and, for depth, the path —
 * called before the expensive parse and validation so a hostile file costs little.
 */
export function checkDocumentLimits(input: unknown, limits: DocumentLimits = {}): void {
  const code = limits.code ?? 'invalid_input';
  if (typeof input === 'string') {
    const maxBytes = limits.maxBytes ?? defaultMaxDocumentBytes;
    const size = utf8Length(input, maxBytes);
    if (size > maxBytes)
      throw errorFromIssues(
        code,
        [
          {
            path: [],
            code: 'too_large',
            message: plural(
              maxBytes,
              {
                one: 'the file is larger than the limit of 1 byte. Fix: split it, or raise maxBytes if it is trusted',
                other:
                  'the file is larger than the limit of # bytes. Fix: split it, or raise maxBytes if it is trusted',
              },
              { other: '文件超过 # 字节的上限。修改：拆分文件；若文件可信，可调高 maxBytes' },
            ),
          },
        ],
        limits.source,
      );
    return;
  }
  const maxDepth = limits.maxDepth ?? defaultMaxDocumentDepth;
  const path = deepestPath(input, maxDepth);
  if (path)
    throw errorFromIssues(
      code,
      [
        {
          path,
          code: 'too_deep',
          message: plural(
            maxDepth,
            {
              one: 'nested more than 1 level deep. Fix: flatten the condition, e.g. name parts under "conditions" and refer to them, or raise maxDepth if the file is trusted',
              other:
                'nested more than # levels deep. Fix: flatten the condition, e.g. name parts under "conditions" and refer to them, or raise maxDepth if the file is trusted',
            },
            {
              other:
                '嵌套超过 # 层。修改：简化条件，例如在 "conditions" 中命名各部分再引用；若文件可信，可调高 maxDepth',
            },
          ),
        },
      ],
      limits.source,
    );
}
