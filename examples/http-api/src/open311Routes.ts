import type { Category, Clock, Locale } from '@quanzi/core';
import { QuanziError } from '@quanzi/core';
import { type Engine, publicViewer } from '@quanzi/engine';
import {
  exportRequests,
  exportServices,
  formatErrors,
  formatPostedRequests,
  formatRequests,
  formatServiceDefinition,
  formatServices,
  type GeoReportFormat,
  type GeoReportRequest,
  parseRequestQuery,
  type RequestQueryInput,
  type RequestSubject,
  selectRequests,
} from '@quanzi/open311';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { systemClock } from './createServiceEngine';
import { type FormFields, single, submitServiceRequest } from './submitServiceRequest';
import { toGeoReportErrors } from './toGeoReportErrors';
import { languageOf } from './toProblem';

/** Where the GeoReport v2 endpoints live. */
export const open311Prefix = '/open311/v2';

/** The Open311 GeoReport v2 endpoints of {@link createHttpService}. */
export interface Open311Options {
  /**
   * The API keys that may `POST requests`, each with the participant it submits as:
   * a gateway registered in the circle with the `grid_worker` role, since it reports
   * on behalf of people who are not participants.
   */
  readonly apiKeys: Readonly<Record<string, string>>;
  /** The circle's categories (its policy's resolved ones): the services offered and their sensitivity. */
  readonly categories: readonly Category[];
  /** The one `jurisdiction_id` accepted; without it, a request naming any jurisdiction gets 404. */
  readonly jurisdictionId?: string;
  /** The language of `service_name`. Default `zh-CN`. */
  readonly locale?: Locale;
  /** `agency_responsible` of every request, e.g. the command center's name. */
  readonly agency?: string;
  /** `service_notice` of the POST answer, e.g. when a first answer can be expected. */
  readonly serviceNotice?: string;
  /**
   * How long an identical `POST requests` without an `Idempotency-Key` header counts
   * as a retry of the first and gets its `service_request_id`, in milliseconds.
   * Default 24 hours.
   */
  readonly retryWindowMs?: number;
  /** Now, for the default date window of `GET requests` and the retry window; real time by default. */
  readonly clock?: Clock;
}

const contentTypes: Record<GeoReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** The format a URL asks for: `.json`, else XML, the one every GeoReport v2 server must speak. */
function formatOf(url: string): GeoReportFormat {
  return /\.json(?:\?|$)/.test(url) ? 'json' : 'xml';
}

/** `file` as `{ id, format }`, or undefined when it ends in neither `.json` nor `.xml`. */
function splitFile(file: string): { id: string; format: GeoReportFormat } | undefined {
  const match = /^(.+)\.(json|xml)$/.exec(file);
  return match ? { id: match[1] as string, format: match[2] as GeoReportFormat } : undefined;
}

function notFound(en: string, zh: string): QuanziError {
  return new QuanziError({ code: 'not_found', message: { en, 'zh-CN': zh } });
}

const noFormat = () => notFound('Ask for .json or .xml', '请使用 .json 或 .xml');

function send(reply: FastifyReply, format: GeoReportFormat, status: number, body: string) {
  return reply.code(status).type(contentTypes[format]).send(body);
}

/** A form body as fields: a repeated field (FixMyStreet's `media_url`) becomes an array. */
function parseForm(body: string): FormFields {
  const fields: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const known = fields[key];
    fields[key] =
      known === undefined ? value : [...(Array.isArray(known) ? known : [known]), value];
  }
  return fields;
}

/**
 * Registers the Open311 GeoReport v2 endpoints under {@link open311Prefix}:
 * `services`, `services/{code}`, `requests` (GET with the spec's filters, POST with
 * an `api_key`) and `requests/{id}`, each as `.json` or `.xml`. Every read is the
 * engine's public view exported by `@quanzi/open311` (coarse places, no reporter,
 * anonymous reports withheld); errors come as the spec's error list in the
 * requested format; POST takes `application/x-www-form-urlencoded`, as clients send it.
 */
export function registerOpen311Routes(
  app: FastifyInstance,
  engine: Engine,
  options: Open311Options,
): void {
  const clock = options.clock ?? systemClock;
  const locale = options.locale ?? 'zh-CN';
  const services = exportServices(options.categories, { locale });
  const serviceCodes = new Set(services.map((service) => service.service_code));
  const apiKeys = new Map(Object.entries(options.apiKeys));

  const checkJurisdiction = (value: string | string[] | undefined) => {
    const given = single(value);
    if (given === undefined || given === '' || given === options.jurisdictionId) return;
    throw new QuanziError({
      code: 'not_found',
      path: ['jurisdiction_id'],
      message: {
        en: `"${given.slice(0, 100)}" is not served here`,
        'zh-CN': `本服务器不受理“${given.slice(0, 100)}”`,
      },
    });
  };
  /** What the public may see, as service requests. */
  const publicRequests = (): readonly GeoReportRequest[] => {
    const subjects: RequestSubject[] = [
      ...engine
        .listReports(publicViewer)
        .map(({ report, snapshot }) => ({ kind: 'report' as const, report, snapshot })),
      ...engine
        .listTasks(publicViewer)
        .map(({ task, snapshot }) => ({ kind: 'task' as const, task, snapshot })),
    ];
    const agency = options.agency === undefined ? {} : { agency: options.agency };
    return exportRequests(subjects, { categories: options.categories, locale, ...agency }).requests;
  };

  app.register(
    async (scope) => {
      // GeoReport v2 clients post forms; JSON stays the rule for /v1.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string' },
        (_request, body, done) => done(null, parseForm(body as string)),
      );
      scope.setErrorHandler((error, request, reply) => {
        const format = formatOf(request.url);
        const { status, errors } = toGeoReportErrors(
          error,
          languageOf(request.headers['accept-language']),
        );
        return send(reply, format, status, formatErrors(errors, format));
      });
      scope.setNotFoundHandler((request, reply) => {
        const format = formatOf(request.url);
        const path = request.url.split('?')[0]?.slice(0, 200);
        const description = `No GeoReport v2 endpoint ${request.method} ${path}`;
        return send(reply, format, 404, formatErrors([{ code: 404, description }], format));
      });

      for (const format of ['json', 'xml'] as const) {
        scope.get<{ Querystring: FormFields }>(`/services.${format}`, async (request, reply) => {
          checkJurisdiction(request.query.jurisdiction_id);
          return send(reply, format, 200, formatServices(services, format));
        });

        scope.get<{ Querystring: FormFields }>(`/requests.${format}`, async (request, reply) => {
          checkJurisdiction(request.query.jurisdiction_id);
          const query = parseRequestQuery(request.query as RequestQueryInput, clock.now());
          const selected = selectRequests(publicRequests(), query);
          return send(reply, format, 200, formatRequests(selected, format));
        });

        scope.post<{ Body: FormFields }>(`/requests.${format}`, async (request, reply) => {
          const fields = request.body ?? {};
          checkJurisdiction(fields.jurisdiction_id);
          const answer = await submitServiceRequest(engine, fields, {
            apiKeys,
            serviceCodes,
            serviceNotice: options.serviceNotice ?? null,
            lang: languageOf(request.headers['accept-language']),
            now: clock.now(),
            retryWindowMs: options.retryWindowMs ?? 24 * 60 * 60 * 1000,
            idempotencyKey: single(request.headers['idempotency-key']),
          });
          return answer.ok
            ? send(reply, format, 200, formatPostedRequests([answer.posted], format))
            : send(reply, format, answer.status, formatErrors(answer.errors, format));
        });
      }

      scope.get<{ Params: { file: string }; Querystring: FormFields }>(
        '/services/:file',
        async (request, reply) => {
          const file = splitFile(request.params.file);
          if (!file) throw noFormat();
          checkJurisdiction(request.query.jurisdiction_id);
          const code = file.id.slice(0, 200);
          if (!serviceCodes.has(file.id))
            throw notFound(`No service "${code}"`, `没有服务“${code}”`);
          return send(reply, file.format, 200, formatServiceDefinition(file.id, file.format));
        },
      );

      scope.get<{ Params: { file: string }; Querystring: FormFields }>(
        '/requests/:file',
        async (request, reply) => {
          const file = splitFile(request.params.file);
          if (!file) throw noFormat();
          checkJurisdiction(request.query.jurisdiction_id);
          const found = publicRequests().find((item) => item.service_request_id === file.id);
          const id = file.id.slice(0, 200);
          if (!found)
            throw notFound(`No public service request "${id}"`, `没有公开的服务请求“${id}”`);
          return send(reply, file.format, 200, formatRequests([found], file.format));
        },
      );
    },
    { prefix: open311Prefix },
  );
}

/** Whether a URL is one of the GeoReport v2 endpoints, which take forms rather than JSON. */
export function isOpen311Url(url: string): boolean {
  return url === open311Prefix || url.startsWith(`${open311Prefix}/`);
}
