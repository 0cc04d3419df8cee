import { type LocalizedText, QuanziError } from '@quanzi/core';

/** A `QuanziError('invalid_formula')` with one issue at `path`, under `issueCode`. */
export function formulaError(
  message: LocalizedText,
  path: Array<string | number>,
  cause?: unknown,
  issueCode = 'invalid_formula',
): QuanziError {
  return new QuanziError({
    code: 'invalid_formula',
    message,
    path,
    issues: [{ path, code: issueCode, message }],
    cause,
  });
}
