import { parseDocument } from '@quanzi/core/documents';
import type { Policy } from '../createPolicy';
import { type LoadPolicyOptions, loadPolicy as loadPolicyDocument } from '../loadPolicy';

/**
 * Reads, validates and compiles a circle policy file: JSON or YAML text, or data
 * already parsed. Anything wrong — syntax, an unknown operator, a wrong type, a
 * missing tier, a circular reference, an unknown fact — throws one
 * `QuanziError('invalid_policy')` listing every problem with its path and a fix, in
 * English and Chinese. Nothing half-loads. A file over `maxBytes` or nested over
 * `maxDepth` is refused before the expensive parse.
 *
 * @example
 * import { loadPolicy } from '@quanzi/rules/files';
 * const policy = loadPolicy(readFileSync(file, 'utf8'), { source: file });
 */
export function loadPolicy(input: unknown, options: LoadPolicyOptions = {}): Policy {
  const document =
    typeof input === 'string'
      ? parseDocument(input, { ...options, code: 'invalid_policy' })
      : input;
  return loadPolicyDocument(document, options);
}
