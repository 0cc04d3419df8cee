import { isQuanziError, type Locale, QuanziError } from '@quanzi/core';
import type { Engine } from '@quanzi/engine';
import {
  type GeoReportError,
  type PostedRequest,
  type PostedRequestInput,
  postedRequestToDraft,
} from '@quanzi/open311';
import { postIdempotency } from './postIdempotency';

/** A form body: a repeated field (FixMyStreet's `media_url`) is an array. */
export type FormFields = Record<string, string | string[] | undefined>;

/** What {@link submitServiceRequest} needs besides the form. */
export interface SubmitContext {
  /** API key → the gateway participant it submits as. */
  readonly apiKeys: ReadonlyMap<string, string>;
  readonly serviceCodes: ReadonlySet<string>;
  readonly serviceNotice: string | null;
  readonly lang: Locale;
  /** Now, as an ISO instant: the end of the retry window. */
  readonly now: string;
  /** How long an identical post without an `Idempotency-Key` counts as a retry, in milliseconds. */
  readonly retryWindowMs: number;
  /** The request's `Idempotency-Key` header, if any. */
  readonly idempotencyKey: string | undefined;
}

/** The request created, or the spec's errors for a refusal of the rules (403) or a lost race (409). */
export type SubmitAnswer =
  | { readonly ok: true; readonly posted: PostedRequest }
  | { readonly ok: false; readonly status: 403 | 409; readonly errors: GeoReportError[] };

/** The first value of a form field. */
export const single = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value[0] : value;

/**
 * `POST requests`: checks the `api_key`, turns the form into an anonymous proxy
 * report (`postedRequestToDraft`) and submits it as the key's gateway participant.
 * A retried post gets the first answer's `service_request_id` (see `postIdempotency`).
 * A missing or unknown key or a bad field throws a `QuanziError` before anything
 * is written.
 */
export async function submitServiceRequest(
  engine: Engine,
  fields: FormFields,
  context: SubmitContext,
): Promise<SubmitAnswer> {
  const { api_key: apiKey, jurisdiction_id: _jurisdiction, ...form } = fields;
  const given = single(apiKey);
  const gateway = given === undefined ? undefined : context.apiKeys.get(given);
  if (gateway === undefined)
    throw new QuanziError({
      code: 'forbidden',
      path: ['api_key'],
      message: { en: 'missing or not valid', 'zh-CN': '缺失或无效' },
    });
  const draft = postedRequestToDraft(form as PostedRequestInput, {
    serviceCodes: context.serviceCodes,
  });
  const posted = (id: string): SubmitAnswer => ({
    ok: true,
    posted: { service_request_id: id, service_notice: context.serviceNotice, account_id: null },
  });
  const { key, earlier } = postIdempotency(engine, {
    gateway,
    draft,
    header: context.idempotencyKey,
    now: context.now,
    windowMs: context.retryWindowMs,
  });
  if (earlier !== undefined) return posted(earlier);
  const outcome = await engine
    .execute({ type: 'report.submit', idempotencyKey: key, actorId: gateway, report: draft })
    .catch((error: unknown) => {
      // The engine names its own field; the client sent the header.
      if (isQuanziError(error) && error.code === 'idempotency_mismatch')
        throw new QuanziError({
          code: 'idempotency_mismatch',
          path: ['Idempotency-Key'],
          cause: error,
          message: {
            en: 'was already used for another request',
            'zh-CN': '已用于另一个请求',
          },
        });
      throw error;
    });
  if (outcome.status === 'applied') return posted(outcome.reportId);
  const status = outcome.status === 'denied' ? 403 : 409;
  return {
    ok: false,
    status,
    errors: outcome.reasons.map((reason) => ({
      code: status,
      description: `${reason.code}: ${reason.message[context.lang]}`,
    })),
  };
}
