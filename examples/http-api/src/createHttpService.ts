import { isQuanziError, type Locale, QuanziError } from '@quanzi/core';
import { type Engine, publicViewer, type Viewer } from '@quanzi/engine';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { openApiDocument } from './openApiDocument';
import { errorProblem, languageOf, type Problem, refusalProblem } from './toProblem';

function send(reply: FastifyReply, problem: Problem) {
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

function notFound(what: string, id: string) {
  return new QuanziError({
    code: 'not_found',
    message: {
      en: `No ${what} "${id}" that you may see`,
      'zh-CN': `未找到您可查看的${what === 'task' ? '任务' : '参与者'}“${id}”`,
    },
  });
}

/**
 * The engine behind HTTP: commands with an `Idempotency-Key` header, viewer-aware
 * queries, errors and refusals as RFC 9457 problem+json in the client's language,
 * and the OpenAPI document at `/openapi.json`. Several instances may serve one
 * PostgreSQL store: each catches up with the shared log before every request, and
 * the store's version checks let exactly one of two racing claims through.
 *
 * The service trusts `X-Participant-Id`: put it behind the portal that authenticates
 * people, never on the open internet by itself.
 */
export function createHttpService(engine: Engine): FastifyInstance {
  const app = Fastify({ logger: false });
  const lang = (request: FastifyRequest): Locale => languageOf(request.headers['accept-language']);
  const viewerOf = (request: FastifyRequest): Viewer => {
    const id = request.headers['x-participant-id'];
    const record = engine.getSnapshot().participants.find((p) => p.participant.id === id);
    return record?.participant ?? publicViewer;
  };

  app.addHook('onRequest', async () => {
    await engine.refresh();
  });
  app.setErrorHandler((error, request, reply) => {
    if (isQuanziError(error)) return send(reply, errorProblem(error, lang(request)));
    // Malformed JSON and other client mistakes fastify detects itself.
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    const code = status < 500 ? 'invalid_input' : 'internal';
    return send(reply, errorProblem(new QuanziError({ code, cause: error }), lang(request)));
  });

  app.get('/openapi.json', async () => openApiDocument());

  app.post('/v1/commands', async (request, reply) => {
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
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (body.idempotencyKey !== undefined && body.idempotencyKey !== key) {
      throw new QuanziError({ code: 'idempotency_mismatch', path: ['idempotencyKey'] });
    }
    const outcome = await engine.execute({ ...body, idempotencyKey: key });
    if (outcome.status !== 'applied')
      return send(reply, refusalProblem(outcome.status, outcome.reasons, lang(request)));
    if (outcome.replayed) reply.header('Idempotent-Replayed', 'true');
    return outcome;
  });

  app.post('/v1/commands/batch', async (request) => {
    if (!Array.isArray(request.body)) {
      throw new QuanziError({
        code: 'invalid_input',
        message: { en: 'Expected an array of commands', 'zh-CN': '应为命令数组' },
      });
    }
    const outcomes = await engine.applyBatch(request.body);
    return outcomes.map((outcome) =>
      outcome.status === 'error' ? { ...outcome, error: outcome.error.toJSON() } : outcome,
    );
  });

  app.get('/v1/tasks', async (request) => engine.listTasks(viewerOf(request)));

  app.get<{ Params: { taskId: string } }>('/v1/tasks/:taskId', async (request) => {
    const task = engine.getTask(viewerOf(request), request.params.taskId);
    if (!task) throw notFound('task', request.params.taskId);
    return task;
  });

  app.get<{ Params: { participantId: string }; Querystring: { lng?: string; lat?: string } }>(
    '/v1/participants/:participantId/nearby',
    async (request) => {
      const { participantId } = request.params;
      if (request.headers['x-participant-id'] !== participantId) {
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
      const profile = engine.getProfile(viewerOf(request), request.params.participantId);
      if (!profile) throw notFound('participant', request.params.participantId);
      return profile;
    },
  );

  return app;
}
