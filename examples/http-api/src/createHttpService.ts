import type { Socket } from 'node:net';
import {
  IdSchema,
  isQuanziError,
  type Locale,
  type LocalizedText,
  parseInput,
  QuanziError,
} from '@quanzi/core';
import {
  type CommandInput,
  type Engine,
  publicViewer,
  systemId,
  type Viewer,
} from '@quanzi/engine';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type Caller, createAuthenticator } from './createAuthenticator';
import type { HttpAuth } from './HttpAuth';
import { isOpen311Url, type Open311Options, registerOpen311Routes } from './open311Routes';
import { openApiDocument } from './openApiDocument';
import {
  errorProblem,
  languageOf,
  type Problem,
  refusalProblem,
  type TransportCode,
  transportProblem,
} from './toProblem';

/** How the service authenticates callers and which request sizes it accepts. */
export interface HttpServiceOptions {
  /** Where the actor of a request comes from; see `HttpAuth`. */
  readonly auth: HttpAuth;
  /** Largest request body in bytes (default 1 MiB); larger ones get 413. */
  readonly bodyLimit?: number;
  /** Longest request URI in characters (default 4096); longer ones get 414. */
  readonly maxUrlLength?: number;
  /** Open311 GeoReport v2 endpoints under `/open311/v2`; none when omitted. */
  readonly open311?: Open311Options;
}

function send(reply: FastifyReply, problem: Problem) {
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

/** An answer of the HTTP layer itself, thrown from a handler and sent by the error handler. */
class TransportRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: TransportCode,
    readonly text: LocalizedText,
  ) {
    super(text.en);
  }
}

const needsCredential = new TransportRefusal(401, 'unauthenticated', {
  en: 'Send Authorization: Bearer <token> to do this',
  'zh-CN': '此操作需要提供 Authorization: Bearer <令牌>',
});
const invalidCredential = new TransportRefusal(401, 'unauthenticated', {
  en: 'The credential is malformed, expired or not signed by a trusted key',
  'zh-CN': '身份凭证格式错误、已过期或签名不可信',
});
const hostOnly = new TransportRefusal(403, 'host_only', {
  en: `"${systemId}" is the hosting application and never acts over HTTP`,
  'zh-CN': `“${systemId}”是宿主应用，不能通过 HTTP 操作`,
});

function notFound(what: 'task' | 'participant', id: string) {
  return new QuanziError({
    code: 'not_found',
    message: {
      en: `No ${what} "${id}" that you may see`,
      'zh-CN': `未找到您可查看的${what === 'task' ? '任务' : '参与者'}“${id}”`,
    },
  });
}

function uriTooLong(url: string, limit: number): LocalizedText {
  return {
    en: `The URI has ${url.length} characters; at most ${limit} are accepted`,
    'zh-CN': `请求地址有 ${url.length} 个字符，最多接受 ${limit} 个`,
  };
}

/** A path segment as an id, validated like every id in a command (IdSchema). */
function pathId(field: string, value: string): string {
  return parseInput(IdSchema, value, { path: [field] });
}

/** The raw answer for a request Node refuses before fastify sees it (oversized headers). */
function answerClientError(error: Error & { code?: string }, socket: Socket) {
  if (!socket.writable) return;
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const problem = tooLarge
    ? transportProblem(
        431,
        'headers_too_large',
        {
          en: 'The request line and headers exceed what the server reads',
          'zh-CN': '请求行和请求头超出服务器可读取的长度',
        },
        'en',
      )
    : errorProblem(
        new QuanziError({
          code: 'invalid_input',
          message: { en: 'The request is not valid HTTP', 'zh-CN': '请求不是有效的 HTTP' },
        }),
        'en',
      );
  const body = JSON.stringify(problem);
  const reason = tooLarge ? 'Request Header Fields Too Large' : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${problem.status} ${reason}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * The engine behind HTTP: commands with an `Idempotency-Key` header, viewer-aware
 * queries, errors and refusals as RFC 9457 problem+json in the client's language,
 * and the OpenAPI document at `/openapi.json`. Several instances may serve one
 * PostgreSQL store: each catches up with the shared log before every request, and
 * the store's version checks let exactly one of two racing claims through.
 *
 * The actor of every command and the viewer of every query is the participant a
 * verified credential names (`options.auth`); a body `actorId` must be that
 * participant, and no header other than `Authorization` identifies anyone. The
 * host id `system` is refused: what only the host may do stays in-process.
 */
export function createHttpService(engine: Engine, options: HttpServiceOptions): FastifyInstance {
  const maxUrlLength = options.maxUrlLength ?? 4096;
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // Any path segment reaches its route, so an over-long id is named as a bad field (400)
    // rather than lost as an unknown route; the URI limit (checked first) bounds it.
    routerOptions: { maxParamLength: Number.MAX_SAFE_INTEGER },
    clientErrorHandler: answerClientError,
    frameworkErrors: (error, request, reply) => {
      const lang = languageOf(request.headers['accept-language']);
      if (request.url.length > maxUrlLength) {
        send(
          reply,
          transportProblem(414, 'uri_too_long', uriTooLong(request.url, maxUrlLength), lang),
        );
        return;
      }
      send(
        reply,
        errorProblem(
          new QuanziError({
            code: 'invalid_input',
            path: ['url'],
            cause: error,
            message: {
              en: 'The URL is not valid (bad percent-encoding)',
              'zh-CN': '请求地址无效（百分号编码错误）',
            },
          }),
          lang,
        ),
      );
    },
  });
  const authenticate = createAuthenticator(options.auth);
  const lang = (request: FastifyRequest): Locale => languageOf(request.headers['accept-language']);
  const callerOf = async (
    request: FastifyRequest,
  ): Promise<Exclude<Caller, { kind: 'invalid' }>> => {
    const caller = await authenticate(request);
    if (caller.kind === 'invalid') throw invalidCredential;
    if (caller.kind === 'participant' && caller.id === systemId) throw hostOnly;
    return caller;
  };
  const actorOf = async (request: FastifyRequest): Promise<string> => {
    const caller = await callerOf(request);
    if (caller.kind === 'anonymous') throw needsCredential;
    return caller.id;
  };
  const viewerOf = async (request: FastifyRequest): Promise<Viewer> => {
    const caller = await callerOf(request);
    if (caller.kind === 'anonymous') return publicViewer;
    const record = engine
      .getPrivilegedSnapshot()
      .participants.find((p) => p.participant.id === caller.id);
    return record?.participant ?? publicViewer;
  };
  /** The command with the authenticated actor, or a refusal if it names anyone else. */
  const asActor = (actor: string, command: unknown, index?: number): Record<string, unknown> => {
    const where = index === undefined ? '' : ` (#${index})`;
    if (typeof command !== 'object' || command === null || Array.isArray(command)) {
      throw new QuanziError({
        code: 'invalid_input',
        path: index === undefined ? [] : [index],
        message: {
          en: `Expected a command object${where}`,
          'zh-CN': `应为命令对象${where}`,
        },
      });
    }
    const body = command as Record<string, unknown>;
    if (body.type === 'tick') {
      throw new TransportRefusal(403, 'host_only', {
        en: `Ticks are sent by the hosting application, not over HTTP${where}`,
        'zh-CN': `定时推进由宿主应用发起，不能通过 HTTP 发送${where}`,
      });
    }
    if (body.actorId !== undefined && body.actorId !== actor) {
      throw new TransportRefusal(403, 'actor_mismatch', {
        en: `actorId${where} must be the authenticated participant "${actor}"`,
        'zh-CN': `actorId${where} 必须是已认证的参与者“${actor}”`,
      });
    }
    return { ...body, actorId: actor };
  };

  app.addHook('onRequest', async (request) => {
    if (request.url.length > maxUrlLength) {
      throw new TransportRefusal(414, 'uri_too_long', uriTooLong(request.url, maxUrlLength));
    }
    if (request.method === 'POST' && !isOpen311Url(request.url)) {
      const type = request.headers['content-type'] ?? '';
      if (!/^application\/json\s*(;|$)/i.test(type)) {
        throw new TransportRefusal(415, 'unsupported_media_type', {
          en: `Content-Type must be application/json, not "${type.slice(0, 100)}"`,
          'zh-CN': `Content-Type 必须为 application/json，而不是“${type.slice(0, 100)}”`,
        });
      }
    }
    await engine.refresh();
  });
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof TransportRefusal) {
      if (error.status === 401) reply.header('WWW-Authenticate', 'Bearer');
      return send(reply, transportProblem(error.status, error.code, error.text, lang(request)));
    }
    if (isQuanziError(error)) return send(reply, errorProblem(error, lang(request)));
    // Client mistakes fastify detects itself: oversized or unparsable bodies.
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status === 413) {
      return send(
        reply,
        transportProblem(
          413,
          'payload_too_large',
          {
            en: `The body is larger than ${app.initialConfig.bodyLimit} bytes`,
            'zh-CN': `请求体超过 ${app.initialConfig.bodyLimit} 字节`,
          },
          lang(request),
        ),
      );
    }
    if (status === 415) {
      return send(
        reply,
        transportProblem(
          415,
          'unsupported_media_type',
          {
            en: 'Content-Type must be application/json',
            'zh-CN': 'Content-Type 必须为 application/json',
          },
          lang(request),
        ),
      );
    }
    const code = status < 500 ? 'invalid_input' : 'internal';
    return send(reply, errorProblem(new QuanziError({ code, cause: error }), lang(request)));
  });
  app.setNotFoundHandler((request, reply) =>
    send(
      reply,
      transportProblem(
        404,
        'route_not_found',
        {
          en: `No route ${request.method} ${request.url.split('?')[0]?.slice(0, 200)}`,
          'zh-CN': `不存在接口 ${request.method} ${request.url.split('?')[0]?.slice(0, 200)}`,
        },
        lang(request),
      ),
    ),
  );

  app.get('/openapi.json', async () => openApiDocument());
  if (options.open311) registerOpen311Routes(app, engine, options.open311);

  app.post('/v1/commands', async (request, reply) => {
    const actor = await actorOf(request);
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || key === '') {
      throw new QuanziError({
        code: 'invalid_input',
        path: ['Idempotency-Key'],
        message: {
          en: 'The Idempotency-Key header is required',
          'zh-CN': '必须提供 Idempotency-Key 请求头',
        },
      });
    }
    const body = asActor(actor, request.body);
    if (body.idempotencyKey !== undefined && body.idempotencyKey !== key) {
      throw new QuanziError({ code: 'idempotency_mismatch', path: ['idempotencyKey'] });
    }
    // A body from the network: typed as a command here, parsed by the engine all the same.
    const outcome = await engine.execute({ ...body, idempotencyKey: key } as CommandInput);
    if (outcome.status !== 'applied')
      return send(reply, refusalProblem(outcome.status, outcome.reasons, lang(request)));
    if (outcome.replayed) reply.header('Idempotent-Replayed', 'true');
    return outcome;
  });

  app.post('/v1/commands/batch', async (request) => {
    const actor = await actorOf(request);
    if (!Array.isArray(request.body)) {
      throw new QuanziError({
        code: 'invalid_input',
        message: { en: 'Expected an array of commands', 'zh-CN': '应为命令数组' },
      });
    }
    // Every command is checked before any is applied, so a forged one changes nothing.
    const commands = request.body.map((command, index) => asActor(actor, command, index));
    const outcomes = await engine.applyBatch(commands);
    return outcomes.map((outcome) =>
      outcome.status === 'error' ? { ...outcome, error: outcome.error.toJSON() } : outcome,
    );
  });

  app.get('/v1/tasks', async (request) => engine.listTasks(await viewerOf(request)));

  app.get<{ Params: { taskId: string } }>('/v1/tasks/:taskId', async (request) => {
    const taskId = pathId('taskId', request.params.taskId);
    const task = engine.getTask(await viewerOf(request), taskId);
    if (!task) throw notFound('task', taskId);
    return task;
  });

  app.get<{ Params: { participantId: string }; Querystring: { lng?: string; lat?: string } }>(
    '/v1/participants/:participantId/nearby',
    async (request) => {
      const participantId = pathId('participantId', request.params.participantId);
      if ((await actorOf(request)) !== participantId) {
        throw new QuanziError({
          code: 'forbidden',
          message: {
            en: 'Only you may ask what you can claim',
            'zh-CN': '只能查询本人可认领的任务',
          },
        });
      }
      const { lng, lat } = request.query;
      const position =
        lng !== undefined && lat !== undefined
          ? ([Number(lng), Number(lat)] as [number, number])
          : undefined;
      return engine.claimableNear(participantId, position ? { position } : {});
    },
  );

  app.get<{ Params: { participantId: string } }>(
    '/v1/participants/:participantId/profile',
    async (request) => {
      const participantId = pathId('participantId', request.params.participantId);
      const profile = engine.getProfile(await viewerOf(request), participantId);
      if (!profile) throw notFound('participant', participantId);
      return profile;
    },
  );

  return app;
}
