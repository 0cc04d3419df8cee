import type { QuanziErrorCode } from './QuanziError';

/**
 * The HTTP status an adapter should answer with for each error code, kept out of
 * the error class so the core stays transport-free.
 */
export const errorHttpStatus: Readonly<Record<QuanziErrorCode, number>> = {
  invalid_input: 400,
  invalid_policy: 422,
  invalid_formula: 422,
  invalid_scenario: 422,
  invalid_transition: 409,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  idempotency_mismatch: 422,
  storage_failure: 503,
  audit_broken: 500,
  unsupported: 501,
  internal: 500,
};
