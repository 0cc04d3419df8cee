import { randomUUID } from 'node:crypto';
import type { ParticipantInput } from '@quanzi/core';
import { type Engine, systemId } from '@quanzi/engine';
import type { FastifyInstance } from 'fastify';
import type { DevelopmentAuth } from '../src/createDevelopmentAuth';

/**
 * A tiny client for a service listening on loopback: real sockets, real HTTP.
 * `as` signs a development token for that participant.
 */
export async function listen(app: FastifyInstance, tokens: DevelopmentAuth) {
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const request = async (
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; as?: string } = {},
  ) => {
    const response = await fetch(`${address}${path}`, {
      method,
      headers: {
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.as === undefined
          ? {}
          : { authorization: `Bearer ${await tokens.token(options.as)}` }),
        ...options.headers,
      },
      ...(options.body === undefined
        ? {}
        : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      body:
        text && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : null,
    };
  };
  return {
    address,
    request,
    /** Sends a command authenticated as `actorId` with a fresh (or the given) idempotency key. */
    command: (actorId: string, command: Record<string, unknown>, key: string = randomUUID()) =>
      request('POST', '/v1/commands', {
        body: { ...command, actorId },
        headers: { 'idempotency-key': key },
        as: actorId,
      }),
    close: () => app.close(),
  };
}

export const point = (lng: number, lat: number) => ({
  type: 'Point' as const,
  coordinates: [lng, lat] as [number, number],
});

/** The people of the test circle. */
export const people: ParticipantInput[] = [
  {
    id: 'center',
    circleId: 'civilized-city',
    kind: 'command',
    displayName: '指挥中心',
    roles: ['command_center'],
  },
  {
    id: 'wang',
    circleId: 'civilized-city',
    kind: 'resident',
    displayName: '王芳',
    home: point(116.397, 39.909),
  },
  {
    id: 'zhou',
    circleId: 'civilized-city',
    kind: 'resident',
    displayName: '周杰',
    home: point(116.398, 39.909),
  },
  {
    id: 'officer',
    circleId: 'civilized-city',
    kind: 'officer',
    displayName: '民警',
    roles: ['community_officer'],
  },
];

/** A task draft near the people. */
export const bikeTask = (
  category = 'shared_bike_parking',
  extra: Record<string, unknown> = {},
) => ({
  type: 'task.create',
  task: {
    circleId: 'civilized-city',
    source: { kind: 'officer' },
    category,
    title: 'Move the bikes',
    goal: 'Pavement clear',
    location: point(116.3975, 39.909),
    ...extra,
  },
});

/** The host (in-process, never over HTTP) registers the people of the test circle. */
export async function registerPeople(engine: Engine) {
  for (const participant of people) {
    const outcome = await engine.host.execute({
      type: 'participant.register',
      idempotencyKey: `register-${participant.id}`,
      actorId: systemId,
      participant,
    });
    if (outcome.status !== 'applied') throw new Error(`could not register ${participant.id}`);
  }
}
