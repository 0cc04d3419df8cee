import { join } from 'node:path';
import { type CommandType, type Engine, systemId } from '@quanzi/engine';
import { commandCatalogue } from '@quanzi/engine/catalogue';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevelopmentAuth } from '../src/createDevelopmentAuth';
import { createHttpService } from '../src/createHttpService';
import { createServiceEngine } from '../src/createServiceEngine';
import { bikeTask, listen, point, registerPeople } from './httpClient';

const policyFile = join(import.meta.dirname, '..', '..', 'policies', 'civilized-city.yaml');
const residents = ['wang', 'zhou'] as const;
const callers = ['wang', 'zhou', 'officer', 'center'] as const;
const now = '2026-01-01T00:00:00.000Z';

/** A body for every command kind of the engine's catalogue, naming the test's task and report. */
function payloads(taskId: string, reportId: string): Record<CommandType, Record<string, unknown>> {
  const reasons = [{ code: 'incomplete' }];
  return {
    'participant.register': {
      type: 'participant.register',
      participant: {
        id: 'intruder',
        circleId: 'civilized-city',
        kind: 'command',
        displayName: 'Intruder',
        roles: ['command_center'],
      },
    },
    'team.register': {
      type: 'team.register',
      team: { id: 'crew', circleId: 'civilized-city', displayName: 'Crew', memberIds: ['zhou'] },
    },
    'participant.certify': {
      type: 'participant.certify',
      participantId: 'zhou',
      qualification: { code: 'first_aid', issuer: 'red cross', issuedAt: now },
    },
    'participant.suspend': { type: 'participant.suspend', participantId: 'zhou', reason: 'x' },
    'participant.reinstate': { type: 'participant.reinstate', participantId: 'zhou' },
    'report.submit': {
      type: 'report.submit',
      report: {
        channel: 'mobile',
        category: 'shared_bike_parking',
        text: 'Bikes on the pavement',
        location: point(116.3975, 39.909),
      },
    },
    'report.prioritize': { type: 'report.prioritize', reportId, priority: 1 },
    'report.convert': {
      type: 'report.convert',
      reportId,
      task: { ...bikeTask().task, source: undefined },
    },
    'report.link': { type: 'report.link', reportId, duplicateOf: { kind: 'task', id: taskId } },
    'report.dismiss': { type: 'report.dismiss', reportId, verdict: 'false' },
    'report.forward': { type: 'report.forward', reportId, to: 'city-management' },
    'task.create': bikeTask(),
    'task.review': { type: 'task.review', taskId, decision: 'returned' },
    'task.publish': { type: 'task.publish', taskId },
    'task.claim': { type: 'task.claim', taskId },
    'task.extend': { type: 'task.extend', taskId },
    'task.release': { type: 'task.release', taskId },
    'task.start': { type: 'task.start', taskId },
    'task.submit': { type: 'task.submit', taskId, evidence: [] },
    'task.accept': { type: 'task.accept', taskId, claimantId: 'zhou' },
    'task.reject': { type: 'task.reject', taskId, claimantId: 'zhou', reasons },
    'task.rework': { type: 'task.rework', taskId, claimantId: 'zhou', reasons },
    'task.rate': { type: 'task.rate', taskId, participantId: 'zhou', rating: 1 },
    'task.mark_classic': { type: 'task.mark_classic', taskId, participantId: 'zhou' },
    'task.cancel': { type: 'task.cancel', taskId },
    'task.escalate': { type: 'task.escalate', taskId, reason: 'needs_officer' },
    'task.overturn': { type: 'task.overturn', taskId, participantId: 'zhou', reason: 'x' },
    'task.second_review': {
      type: 'task.second_review',
      taskId,
      participantId: 'zhou',
      agrees: false,
    },
    tick: { type: 'tick', now: '2030-01-01T00:00:00.000Z' },
  };
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('escalation matrix over HTTP: nobody acts as someone else', () => {
  const development = createDevelopmentAuth();
  let engine: Engine;
  let api: Awaited<ReturnType<typeof listen>>;
  let bodies: Record<CommandType, Record<string, unknown>>;
  let taskId = '';
  const kinds = Object.keys(commandCatalogue) as CommandType[];
  const position = () => engine.getPrivilegedSnapshot().position;

  beforeAll(async () => {
    engine = await createServiceEngine({ policyFile });
    await registerPeople(engine);
    api = await listen(createHttpService(engine, { auth: development.auth }), development);
    const created = await api.command('center', bikeTask());
    taskId = created.body.taskId;
    await api.command('center', { type: 'task.publish', taskId });
    await api.command('center', { type: 'task.review', taskId, decision: 'approved' });
    const submitted = await api.command('wang', payloads(taskId, 'r')['report.submit']);
    expect(submitted.body).toMatchObject({ status: 'applied' });
    bodies = payloads(taskId, submitted.body.reportId);
  });
  afterAll(() => api.close());

  const send = (
    kind: CommandType,
    options: { as?: string; actorId?: string; headers?: Record<string, string> },
  ) =>
    api.request('POST', '/v1/commands', {
      body: {
        ...bodies[kind],
        ...(options.actorId === undefined ? {} : { actorId: options.actorId }),
      },
      headers: { 'idempotency-key': `${kind}-${Math.random()}`, ...options.headers },
      ...(options.as === undefined ? {} : { as: options.as }),
    });

  it('has a body for every command kind of the catalogue', () => {
    expect(Object.keys(bodies).sort()).toEqual([...kinds].sort());
  });

  it('refuses every command kind without a credential (401), whatever the body or headers claim', async () => {
    const before = position();
    const forgedHeaders: Array<Record<string, string>> = [
      {},
      { 'x-participant-id': 'center' },
      { 'x-actor-id': systemId, 'x-forwarded-user': 'center', 'x-user-id': 'center' },
      { cookie: 'session=center', 'x-remote-user': 'officer' },
    ];
    for (const kind of kinds) {
      for (const actorId of [undefined, ...callers, systemId]) {
        for (const headers of forgedHeaders) {
          const response = await send(kind, { ...(actorId ? { actorId } : {}), headers });
          expect(response.status, `${kind} as ${actorId}`).toBe(401);
          expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          expect(response.headers.get('www-authenticate')).toBe('Bearer');
          expect(response.body.code).toBe('unauthenticated');
        }
      }
    }
    expect(position()).toBe(before);
  });

  it('refuses a body actorId naming anyone else or the host (403 actor_mismatch)', async () => {
    const before = position();
    for (const kind of kinds) {
      for (const caller of callers) {
        for (const actorId of [...callers, systemId, 'nobody']) {
          if (actorId === caller) continue;
          const response = await send(kind, { as: caller, actorId });
          expect(response.status, `${kind}: ${caller} as ${actorId}`).toBe(403);
          expect(response.body.code).toBe(kind === 'tick' ? 'host_only' : 'actor_mismatch');
        }
      }
    }
    expect(position()).toBe(before);
  });

  it('refuses the host id as the subject of a credential, and forged or broken credentials (401)', async () => {
    const before = position();
    const stranger = createDevelopmentAuth();
    const header = { alg: 'none', typ: 'JWT' };
    const claims = { sub: 'center', exp: Math.floor(Date.now() / 1000) + 3600 };
    const broken = [
      `Bearer ${await stranger.token('center')}`,
      `Bearer ${await development.token('center', { expiresIn: '-1h' })}`,
      `Bearer ${base64url(header)}.${base64url(claims)}.`,
      'Bearer not-a-token',
      'Basic Y2VudGVyOmNlbnRlcg==',
      `Bearer ${(await development.token('center')).slice(0, -4)}AAAA`,
    ];
    for (const kind of kinds) {
      const asHost = await send(kind, { as: systemId, actorId: systemId });
      expect(asHost.status, kind).toBe(403);
      expect(asHost.body.code).toBe('host_only');
      for (const authorization of broken) {
        const response = await send(kind, { headers: { authorization } });
        expect(response.status, `${kind} with ${authorization.slice(0, 12)}`).toBe(401);
        expect(response.body.code).toBe('unauthenticated');
      }
    }
    expect(position()).toBe(before);
  });

  it('property: any actorId other than the credential’s subject is refused and changes nothing', async () => {
    const before = position();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...kinds.filter((kind) => kind !== 'tick')),
        fc.constantFrom(...callers),
        fc.oneof(fc.constantFrom(...callers, systemId, 'SYSTEM', 'center '), fc.string()),
        async (kind, caller, actorId) => {
          fc.pre(actorId !== caller);
          const response = await send(kind, { as: caller, actorId });
          expect(response.status).toBe(403);
          expect(response.body.code).toBe('actor_mismatch');
        },
      ),
      { numRuns: 200, seed: 15 },
    );
    expect(position()).toBe(before);
  });

  it('refuses a batch with one forged command and applies none of it', async () => {
    const before = position();
    const batch = [
      { ...bodies['task.create'], idempotencyKey: 'batch-1' },
      { ...bodies['participant.suspend'], idempotencyKey: 'batch-2', actorId: 'center' },
    ];
    const forged = await api.request('POST', '/v1/commands/batch', { body: batch, as: 'wang' });
    expect(forged.status).toBe(403);
    expect(forged.body.code).toBe('actor_mismatch');
    const tick = await api.request('POST', '/v1/commands/batch', {
      body: [{ ...bodies.tick, idempotencyKey: 'batch-3' }],
      as: 'center',
    });
    expect(tick.status).toBe(403);
    const anonymous = await api.request('POST', '/v1/commands/batch', { body: batch });
    expect(anonymous.status).toBe(401);
    expect(position()).toBe(before);
  });

  it('lets residents send no staff-only command on their own behalf (403 from the rules)', async () => {
    const staffOnly: CommandType[] = [
      'team.register',
      'participant.certify',
      'participant.suspend',
      'participant.reinstate',
      'report.prioritize',
      'report.convert',
      'report.link',
      'report.dismiss',
      'report.forward',
      'task.review',
      'task.accept',
      'task.reject',
      'task.rework',
      'task.rate',
      'task.mark_classic',
      'task.overturn',
      'task.second_review',
    ];
    const before = position();
    for (const kind of staffOnly) {
      for (const caller of residents) {
        const response = await send(kind, { as: caller });
        expect(response.status, `${kind} by ${caller}`).toBe(403);
        // Headers naming the command center change nothing: the credential is the actor.
        const forged = await send(kind, {
          as: caller,
          headers: { 'x-participant-id': 'center', 'x-actor-id': systemId, 'x-user-id': 'center' },
        });
        expect(forged.status, `${kind} by ${caller} with forged headers`).toBe(403);
        expect(forged.body.code).toBe(response.body.code);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      }
    }
    const selfPromotion = await send('participant.register', { as: 'intruder' });
    // An unregistered caller cannot make itself a command center (the engine knows no such actor).
    expect([403, 404]).toContain(selfPromotion.status);
    expect(position()).toBe(before);
  });

  it('still works for legitimate callers: actorId filled from the credential, or equal to it', async () => {
    const claim = await api.request('POST', '/v1/commands', {
      body: { type: 'task.claim', taskId },
      headers: { 'idempotency-key': 'legit-claim' },
      as: 'zhou',
    });
    expect(claim.status).toBe(200);
    expect(claim.body.events[0].actor).toBe('zhou');
    const start = await api.command('zhou', { type: 'task.start', taskId });
    expect(start.status).toBe(200);
    const submit = await api.command('zhou', { type: 'task.submit', taskId, evidence: [] });
    expect(submit.status).toBe(200);
    const accept = await api.command('center', { type: 'task.accept', taskId });
    expect(accept.status).toBe(200);
    const suspend = await api.command('center', {
      type: 'participant.suspend',
      participantId: 'wang',
      reason: 'test',
    });
    expect(suspend.status).toBe(200);
    const newcomer = await api.command('newcomer', {
      type: 'participant.register',
      participant: {
        id: 'newcomer',
        circleId: 'civilized-city',
        kind: 'resident',
        displayName: '新居民',
      },
    });
    expect(newcomer.status).toBe(200);
    const batch = await api.request('POST', '/v1/commands/batch', {
      body: [{ ...bodies['report.submit'], idempotencyKey: 'legit-batch' }],
      as: 'zhou',
    });
    expect(batch.status).toBe(200);
    expect(batch.body.map((outcome: { status: string }) => outcome.status)).toEqual(['applied']);
    const notAnObject = await api.request('POST', '/v1/commands', {
      body: '"task.claim"',
      headers: { 'idempotency-key': 'string-body' },
      as: 'wang',
    });
    expect(notAnObject.status).toBe(400);
  });
});
