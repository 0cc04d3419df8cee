import { createHash } from 'node:crypto';
import { canonicalJson, QuanziError, type Report } from '@quanzi/core';
import type { Engine } from '@quanzi/engine';
import type { PostedReportDraft } from '@quanzi/open311';

/** What {@link postIdempotency} decides for one `POST requests`. */
export interface PostIdempotency {
  /** The idempotency key to submit the report under. */
  readonly key: string;
  /** The report an identical earlier post of the window made: answer with it, write nothing. */
  readonly earlier?: string;
}

/** The inputs of {@link postIdempotency}. */
export interface PostIdempotencyInput {
  /** The participant the API key submits as. */
  readonly gateway: string;
  /** The report the form becomes. */
  readonly draft: PostedReportDraft;
  /** The `Idempotency-Key` header, when the client sent one. */
  readonly header: string | undefined;
  /** Now, as an ISO instant. */
  readonly now: string;
  /** How long an identical post counts as a retry, in milliseconds. */
  readonly windowMs: number;
}

// Printable ASCII without spaces, as the IETF Idempotency-Key draft's examples and Stripe's keys are.
const headerPattern = /^[\x21-\x7e]{1,128}$/;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** What makes two posts the same request: who submits and what the report says. */
function contentOf(
  reporterId: string,
  report: Pick<Report, 'channel' | 'proxyFor' | 'category' | 'text' | 'media' | 'location'>,
): string {
  const { channel, proxyFor, category, text, media, location } = report;
  return canonicalJson({ reporterId, channel, proxyFor, category, text, media, location });
}

/**
 * The idempotency of a GeoReport v2 `POST requests`, whose clients (FixMyStreet
 * among them) send no key and retry a post that timed out.
 *
 * - With an `Idempotency-Key` header, the key is the gateway's and the header's:
 *   a retry returns the first answer, the same key with another form is refused.
 * - Without one, an earlier report by the same gateway with the same content
 *   received less than `windowMs` ago is the answer (`earlier`). Otherwise the key
 *   is derived from the gateway, the content and the window the time falls in, so
 *   two identical posts racing each other, on one instance or several, still file
 *   one report. Field order and spelling that parse alike (FixMyStreet's Perl
 *   sends its fields in hash order) do not matter: the content is the parsed draft.
 *
 * An identical post after the window is a new request.
 */
export function postIdempotency(engine: Engine, input: PostIdempotencyInput): PostIdempotency {
  const { gateway, draft, header, now, windowMs } = input;
  if (header !== undefined) {
    if (!headerPattern.test(header))
      throw new QuanziError({
        code: 'invalid_input',
        path: ['Idempotency-Key'],
        message: {
          en: '1 to 128 printable ASCII characters without spaces',
          'zh-CN': '应为 1 到 128 个不含空格的可打印 ASCII 字符',
        },
      });
    return { key: `open311:k:${sha256(`${gateway}\n${header}`)}` };
  }
  const content = contentOf(gateway, draft);
  const at = Date.parse(now);
  const earlier = engine
    .getPrivilegedSnapshot()
    .reports.find(
      ({ report }) =>
        report.reporterId === gateway &&
        at - Date.parse(report.receivedAt) < windowMs &&
        Date.parse(report.receivedAt) <= at &&
        contentOf(report.reporterId, report) === content,
    );
  const window = Math.floor(at / windowMs);
  const key = `open311:c:${sha256(content)}:${window}`;
  return earlier ? { key, earlier: earlier.report.id } : { key };
}
