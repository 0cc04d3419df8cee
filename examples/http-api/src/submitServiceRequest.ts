import { randomUUID } from 'node:crypto';
import { type Locale, QuanziError } from '@quanzi/core';
import type { Engine } from '@quanzi/engine';
import {
  type GeoReportError,
  type PostedRequest,
  type PostedRequestInput,
  postedRequestToDraft,
} from '@quanzi/open311';

/** A form body: a repeated field (FixMyStreet's `media_url`) is an array. */
export type FormFields = Record<string, string | string[] | undefined>;

/** What {@link submitServiceRequest} needs besides the form. */
export interface SubmitContext {
  /** API key → the gateway participant it submits as. */
  readonly apiKeys: ReadonlyMap<string, string>;
  readonly serviceCodes: ReadonlySet<string>;
  readonly serviceNotice: string | null;
  readonly lang: Locale;
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
 * A missing or unknown key or a bad field throws a `QuanziError` before anything
 * is written.
 */
export async function submitServiceRequest(
  engine: Engine,
  fields: FormFields,
  context: SubmitContext,
): Promise<SubmitAnswer> {
  const { api_key: key, jurisdiction_id: _jurisdiction, ...form } = fields;
  const given = single(key);
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
  // Each post is a new report: GeoReport v2 clients send no idempotency key.
  const outcome = await engine.execute({
    type: 'report.submit',
    idempotencyKey: `open311-${randomUUID()}`,
    actorId: gateway,
    report: draft,
  });
  if (outcome.status === 'applied')
    return {
      ok: true,
      posted: {
        service_request_id: outcome.reportId,
        service_notice: context.serviceNotice,
        account_id: null,
      },
    };
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
