import { errorHttpStatus, isQuanziError, type Locale } from '@quanzi/core';
import type { GeoReportError } from '@quanzi/open311';

/** What a GeoReport v2 server answers for a thrown error: the status and the spec's error list. */
export interface GeoReportErrorAnswer {
  readonly status: number;
  readonly errors: GeoReportError[];
}

/**
 * A thrown error as the spec's error list in `lang`: each issue of a `QuanziError`
 * one entry, led by the field it names; a refusal of the HTTP layer (414, 413) or of
 * fastify (415) keeps its status; anything else is a 500 that tells nothing inside.
 *
 * @example
 * toGeoReportErrors(new QuanziError({ code: 'forbidden', path: ['api_key'] }), 'en');
 * // { status: 403, errors: [{ code: 403, description: 'api_key: Not permitted' }] }
 */
export function toGeoReportErrors(error: unknown, lang: Locale): GeoReportErrorAnswer {
  if (isQuanziError(error)) {
    const code = errorHttpStatus[error.code];
    const issues =
      error.issues.length > 0 ? error.issues : [{ path: error.path, message: error.messages }];
    return {
      status: code,
      errors: issues.map(({ path, message }) => ({
        code,
        description: path.length > 0 ? `${path.join('.')}: ${message[lang]}` : message[lang],
      })),
    };
  }
  const raw = (typeof error === 'object' && error !== null ? error : {}) as {
    status?: unknown;
    statusCode?: unknown;
    message?: unknown;
  };
  const given = typeof raw.status === 'number' ? raw.status : raw.statusCode;
  const status = typeof given === 'number' && given >= 400 && given < 600 ? given : 500;
  const description =
    status === 415
      ? 'Content-Type must be application/x-www-form-urlencoded'
      : status < 500 && typeof raw.message === 'string'
        ? raw.message
        : 'Internal error';
  return { status, errors: [{ code: status, description }] };
}
