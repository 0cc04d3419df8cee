import { bilingualMessage, parseInput, QuanziError } from '@quanzi/core';
import * as z from 'zod';
import type { GeoReportRequest } from './geoReport';

/** The most requests one `GET requests` answers, as the spec suggests. */
export const maxRequests = 1000;
/** The longest date window, in days: the spec's default and its limit. */
export const requestWindowDays = 90;

const dayMs = 86_400_000;
// The spec's dates are W3C date-times and must carry a zone (Z or an offset).
const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/i;

// A query parameter may come once or repeated; repeated values join like a comma list.
const list = <T extends z.ZodType<string>>(item: T) =>
  z
    .preprocess(
      (value) =>
        value === undefined
          ? undefined
          : (Array.isArray(value) ? value : [value])
              .join(',')
              .split(',')
              .map((part) => (typeof part === 'string' ? part.trim() : part))
              .filter((part) => part !== ''),
      z.array(item).max(maxRequests).optional(),
    )
    .transform((values) => (values && values.length > 0 ? values : undefined));
const instant = z.preprocess(
  (value) => (Array.isArray(value) ? value[0] : value),
  z
    .string()
    .trim()
    .regex(
      dateTime,
      bilingualMessage({
        en: 'A date-time with a zone, e.g. 2026-12-01T08:00:00Z',
        'zh-CN': '须为带时区的时间，例如 2026-12-01T08:00:00Z',
      }),
    )
    .refine(
      (value) => Number.isFinite(Date.parse(value)),
      bilingualMessage({ en: 'Not a real date', 'zh-CN': '日期无效' }),
    )
    .transform((value) => new Date(Date.parse(value)).toISOString())
    .optional(),
);

/** The filters of `GET requests` as the spec names them; other parameters are ignored. */
export const RequestQuerySchema = z.object({
  service_request_id: list(z.string().min(1).max(200)),
  service_code: list(z.string().min(1).max(200)),
  start_date: instant,
  end_date: instant,
  // Lenient about case: some clients write OPEN as FixMyStreet writes extended statuses.
  status: list(
    z
      .string()
      .toLowerCase()
      .pipe(z.enum(['open', 'closed'])),
  ),
});

/** Query parameters as they arrive (strings, or arrays of strings for repeated ones). */
export type RequestQueryInput = z.input<typeof RequestQuerySchema>;

/** A `GET requests` query with the spec's defaults filled in. */
export type RequestQuery =
  | { readonly kind: 'ids'; readonly ids: readonly string[] }
  | {
      readonly kind: 'search';
      readonly serviceCodes?: readonly string[];
      readonly statuses?: readonly ('open' | 'closed')[];
      /** Inclusive bounds on `requested_datetime`, ISO instants in UTC. */
      readonly start: string;
      readonly end: string;
    };

function tooWide(start: string, end: string): QuanziError {
  const days = Math.ceil((Date.parse(end) - Date.parse(start)) / dayMs);
  return new QuanziError({
    code: 'invalid_input',
    path: ['end_date'],
    message: {
      en: `start_date to end_date spans ${days} days; at most ${requestWindowDays} are allowed`,
      'zh-CN': `start_date 至 end_date 跨 ${days} 天，最多允许 ${requestWindowDays} 天`,
    },
  });
}

/**
 * Reads the query of `GET requests`: `service_request_id` (comma-separated)
 * overrides every other filter, as the spec says; otherwise `service_code` and
 * `status` (comma-separated) and `start_date`/`end_date`, which default to the
 * {@link requestWindowDays} days before `end_date` or `now` and may span no more.
 * A bad parameter throws a `QuanziError` naming it.
 *
 * @example
 * parseRequestQuery({ status: 'open', start_date: '2026-12-01T00:00:00+08:00' }, clock.now());
 */
export function parseRequestQuery(params: RequestQueryInput, now: string): RequestQuery {
  const ids = RequestQuerySchema.pick({ service_request_id: true });
  const { service_request_id } = parseInput(ids, params, { path: [] });
  if (service_request_id) return { kind: 'ids', ids: service_request_id };
  const query = parseInput(RequestQuerySchema, params, { path: [] });
  const nowMs = Date.parse(now);
  const startMs = query.start_date === undefined ? undefined : Date.parse(query.start_date);
  // Without end_date, the window runs from start_date for the spec's 90 days, but not past now.
  const endMs =
    query.end_date !== undefined
      ? Date.parse(query.end_date)
      : startMs === undefined
        ? nowMs
        : Math.min(startMs + requestWindowDays * dayMs, nowMs);
  const start = new Date(startMs ?? endMs - requestWindowDays * dayMs).toISOString();
  const end = new Date(endMs).toISOString();
  if (start > end)
    throw new QuanziError({
      code: 'invalid_input',
      path: ['start_date'],
      message: {
        en: 'start_date is after end_date',
        'zh-CN': 'start_date 晚于 end_date',
      },
    });
  if (Date.parse(end) - Date.parse(start) > requestWindowDays * dayMs) throw tooWide(start, end);
  return {
    kind: 'search',
    ...(query.service_code ? { serviceCodes: query.service_code } : {}),
    ...(query.status ? { statuses: query.status } : {}),
    start,
    end,
  };
}

/**
 * The requests a query selects, newest first, at most {@link maxRequests}: the
 * named ids, or those of the codes and statuses asked for whose
 * `requested_datetime` lies within the window (both ends included).
 */
export function selectRequests(
  requests: readonly GeoReportRequest[],
  query: RequestQuery,
): GeoReportRequest[] {
  const keep =
    query.kind === 'ids'
      ? (request: GeoReportRequest) => query.ids.includes(request.service_request_id)
      : (request: GeoReportRequest) => {
          const at = Date.parse(request.requested_datetime);
          return (
            (query.serviceCodes?.includes(request.service_code) ?? true) &&
            (query.statuses?.includes(request.status) ?? true) &&
            at >= Date.parse(query.start) &&
            at <= Date.parse(query.end)
          );
        };
  return requests
    .filter(keep)
    .sort((a, b) => Date.parse(b.requested_datetime) - Date.parse(a.requested_datetime))
    .slice(0, maxRequests);
}
