import { QuanziError, type QuanziIssue, safeParseInput } from '@quanzi/core';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import * as z from 'zod';
import {
  type GeoReportRequest,
  GeoReportRequestSchema,
  type GeoReportService,
  GeoReportServiceSchema,
} from './geoReport';
import { normalizeRequest, normalizeService } from './normalizeGeoReport';

/** The two formats GeoReport v2 defines; XML is the one every server must offer. */
export type GeoReportFormat = 'json' | 'xml';

const declaration = '<?xml version="1.0" encoding="utf-8"?>\n';
const builder = new XMLBuilder({ format: true, suppressEmptyNode: false });
// Tag values stay text so `service_code` 006 keeps its zeros; numbers are read field by field.
const parser = new XMLParser({
  parseTagValue: false,
  trimValues: true,
  isArray: (_name, path) =>
    path === 'services.service' || path === 'service_requests.request' || path === 'errors.error',
});

const shapes = {
  services: { root: 'services', item: 'service' },
  requests: { root: 'service_requests', item: 'request' },
  errors: { root: 'errors', item: 'error' },
} as const;

function toXml(kind: keyof typeof shapes, items: readonly object[]): string {
  const { root, item } = shapes[kind];
  return `${declaration}${builder.build({ [root]: { [item]: items } })}`;
}

/** One entry of the spec's error list: `code` is the HTTP status, `description` says what went wrong. */
export interface GeoReportError {
  readonly code: number;
  readonly description: string;
}

/** What `POST requests` answers for a request it created. */
export interface PostedRequest {
  readonly service_request_id: string;
  /** What the client should tell the person, e.g. how long a first answer takes. */
  readonly service_notice: string | null;
  /** The client's account with this server; Quanzi keeps none. */
  readonly account_id: string | null;
}

function bad(en: string, zh: string, cause?: unknown): QuanziError {
  return new QuanziError({ code: 'invalid_input', message: { en, 'zh-CN': zh }, cause });
}

function rows(kind: keyof typeof shapes, body: string, format: GeoReportFormat): unknown[] {
  if (format === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (cause) {
      throw bad('The body is not valid JSON', '内容不是有效的 JSON', cause);
    }
    if (!Array.isArray(parsed)) throw bad('Expected a JSON array', '应为 JSON 数组');
    return parsed;
  }
  const valid = XMLValidator.validate(body);
  if (valid !== true)
    throw bad(
      `Invalid XML at line ${valid.err.line}: ${valid.err.msg}`,
      `XML 第 ${valid.err.line} 行无效：${valid.err.msg}`,
    );
  const { root, item } = shapes[kind];
  const document = parser.parse(body) as Record<string, unknown>;
  if (!(root in document)) throw bad(`Expected a <${root}> document`, `应为 <${root}> 文档`);
  const container = document[root];
  return typeof container === 'object' && container !== null
    ? (((container as Record<string, unknown>)[item] as unknown[] | undefined) ?? [])
    : [];
}

function validateAll<TSchema extends z.ZodType>(
  schema: TSchema,
  items: unknown[],
  normalize: (raw: unknown) => unknown,
): z.output<TSchema>[] {
  const issues: QuanziIssue[] = [];
  const out: z.output<TSchema>[] = [];
  items.forEach((raw, index) => {
    const result = safeParseInput(schema, normalize(raw), { path: [index] });
    if (result.ok) out.push(result.value);
    else issues.push(...result.error.issues);
  });
  if (issues.length > 0) {
    const first = issues[0]?.message ?? { en: 'Invalid record', 'zh-CN': '记录无效' };
    throw new QuanziError({
      code: 'invalid_input',
      issues,
      message: {
        en: `${issues.length} problem(s) in the GeoReport records, first: ${first.en}`,
        'zh-CN': `GeoReport 记录中有 ${issues.length} 处问题，首个：${first['zh-CN']}`,
      },
    });
  }
  return out;
}

/**
 * Writes services as a GeoReport v2 `services.json` or `services.xml` body.
 *
 * @example
 * formatServices(exportServices(defaultCategories), 'xml');
 */
export function formatServices(
  services: readonly GeoReportService[],
  format: GeoReportFormat,
): string {
  return format === 'json' ? JSON.stringify(services, null, 2) : toXml('services', services);
}

/** Writes service requests as a GeoReport v2 `requests.json` or `requests.xml` body. */
export function formatRequests(
  requests: readonly GeoReportRequest[],
  format: GeoReportFormat,
): string {
  return format === 'json' ? JSON.stringify(requests, null, 2) : toXml('requests', requests);
}

/**
 * Writes the spec's error list (`[{ code, description }]`, XML `<errors><error>…`),
 * the body of every 4xx and 5xx answer of a GeoReport v2 server.
 *
 * @example
 * formatErrors([{ code: 403, description: 'api_key is not valid' }], 'xml');
 */
export function formatErrors(errors: readonly GeoReportError[], format: GeoReportFormat): string {
  return format === 'json' ? JSON.stringify(errors, null, 2) : toXml('errors', errors);
}

/**
 * Writes the answer of `POST requests`: one `{ service_request_id, service_notice,
 * account_id }` per request created, in `<service_requests><request>…` for XML.
 */
export function formatPostedRequests(
  posted: readonly PostedRequest[],
  format: GeoReportFormat,
): string {
  return format === 'json' ? JSON.stringify(posted, null, 2) : toXml('requests', posted);
}

/**
 * Writes `GET services/{service_code}`: the service definition. Quanzi's services ask
 * no extra questions (`metadata: false`), so the attribute list is empty.
 */
export function formatServiceDefinition(serviceCode: string, format: GeoReportFormat): string {
  if (format === 'json')
    return JSON.stringify({ service_code: serviceCode, attributes: [] }, null, 2);
  const definition = { service_definition: { service_code: serviceCode, attributes: '' } };
  return `${declaration}${builder.build(definition)}`;
}

const GeoReportErrorSchema = z.strictObject({
  code: z.coerce.number().int().min(100).max(599),
  description: z.coerce.string().max(5000),
});
const PostedRequestSchema = z.strictObject({
  service_request_id: z.coerce.string().min(1).max(200),
  service_notice: z.coerce.string().max(2000).nullable(),
  account_id: z.coerce.string().max(200).nullable(),
});
// Empty XML elements read as '', missing ones as undefined: both are null here.
const nullIfEmpty = (raw: unknown, fields: readonly string[]) => {
  const row =
    typeof raw === 'object' && raw !== null ? { ...(raw as Record<string, unknown>) } : {};
  for (const field of fields) if (row[field] === '' || row[field] === undefined) row[field] = null;
  return row;
};

/**
 * Reads the error list of a GeoReport v2 server (JSON or XML), e.g. to show why
 * another city's server refused a request.
 */
export function parseErrors(body: string, format: GeoReportFormat): GeoReportError[] {
  return validateAll(GeoReportErrorSchema, rows('errors', body, format), (raw) => raw);
}

/** Reads the answer of `POST requests` from a GeoReport v2 server (JSON or XML). */
export function parsePostedRequests(body: string, format: GeoReportFormat): PostedRequest[] {
  return validateAll(PostedRequestSchema, rows('requests', body, format), (raw) =>
    nullIfEmpty(raw, ['service_notice', 'account_id']),
  );
}

/**
 * Reads a GeoReport v2 services body from any server. Throws one `QuanziError`
 * listing every bad field, by record index.
 */
export function parseServices(body: string, format: GeoReportFormat): GeoReportService[] {
  return validateAll(GeoReportServiceSchema, rows('services', body, format), normalizeService);
}

/**
 * Reads a GeoReport v2 service requests body from any server: numeric or text
 * ids, offsets converted to UTC, empty XML elements as `null`, extended statuses
 * in `status` or in `extended_attributes`.
 *
 * @example
 * const requests = parseRequests(await response.text(), 'xml');
 */
export function parseRequests(body: string, format: GeoReportFormat): GeoReportRequest[] {
  return validateAll(GeoReportRequestSchema, rows('requests', body, format), normalizeRequest);
}
