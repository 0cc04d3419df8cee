import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevelopmentAuth } from '../src/createDevelopmentAuth';
import { createHttpService } from '../src/createHttpService';
import { createServiceEngine } from '../src/createServiceEngine';
import { bikeTask, listen, registerPeople } from './httpClient';

const policyFile = join(import.meta.dirname, '..', '..', 'policies', 'civilized-city.yaml');

describe('HTTP API on one instance', () => {
  let api: Awaited<ReturnType<typeof listen>>;
  let taskId = '';
  let engine: Awaited<ReturnType<typeof createServiceEngine>>;
  beforeAll(async () => {
    engine = await createServiceEngine({ policyFile });
    await registerPeople(engine);
    const development = createDevelopmentAuth();
    api = await listen(createHttpService(engine, { auth: development.auth }), development);
    const created = await api.command('center', bikeTask());
    taskId = created.body.taskId;
    await api.command('center', { type: 'task.publish', taskId });
    await api.command('center', { type: 'task.review', taskId, decision: 'approved' });
  });
  afterAll(() => api.close());

  it('publishes an OpenAPI 3.1 document whose command schema is the engine’s', async () => {
    const { status, body } = await api.request('GET', '/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile(body.components.schemas.Command);
    expect(validate({ type: 'task.claim', idempotencyKey: 'k', actorId: 'zhou', taskId })).toBe(
      true,
    );
    expect(validate({ type: 'task.claim', idempotencyKey: 'k', actorId: 'zhou' })).toBe(false);
    expect(body.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    for (const [path, operations] of Object.entries(body.paths)) {
      for (const operation of Object.values(operations as Record<string, never>)) {
        const { responses, security } = operation as {
          responses: Record<string, { content?: Record<string, unknown> }>;
          security: unknown[];
        };
        expect(security, path).toContainEqual({ bearer: [] });
        for (const status of ['401', '403', '404', '414'])
          expect(Object.keys(responses[status]?.content ?? {}), `${path} ${status}`).toEqual([
            'application/problem+json',
          ]);
      }
    }
    expect(Object.keys(body.paths['/v1/commands'].post.responses)).toEqual(
      expect.arrayContaining(['400', '401', '403', '413', '415']),
    );
  });

  it('requires an Idempotency-Key and answers with problem+json in both languages', async () => {
    const response = await api.request('POST', '/v1/commands', {
      body: { type: 'task.claim', actorId: 'zhou', taskId },
      headers: { 'accept-language': 'zh-CN,zh;q=0.9' },
      as: 'zhou',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      status: 400,
      code: 'invalid_input',
      title: '请求无效。',
    });
    expect(response.body.detail).toMatch(/Idempotency-Key 请求头/);
    expect(response.body.message.en).toMatch(/Idempotency-Key header is required/);
  });

  it('names the bad field of a malformed command, and rejects broken JSON', async () => {
    const bad = await api.command('zhou', { type: 'task.claim' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((issue: { path: string[] }) => issue.path.join('.'))).toContain(
      'taskId',
    );
    const broken = await api.request('POST', '/v1/commands', {
      body: '{"type": ',
      headers: { 'idempotency-key': 'x', 'content-type': 'application/json' },
      as: 'zhou',
    });
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('invalid_input');
  });

  it('claims once: a retry with the same key replays, a second claimant is refused with reasons', async () => {
    const first = await api.command('zhou', { type: 'task.claim', taskId }, 'zhou-claim');
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('applied');
    const retry = await api.command('zhou', { type: 'task.claim', taskId }, 'zhou-claim');
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.events).toEqual(first.body.events);
    const other = await api.command('officer', { type: 'task.claim', taskId });
    expect([403, 409]).toContain(other.status);
    expect(other.body.reasons.length).toBeGreaterThan(0);
    expect(other.body.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  });

  it('shows each viewer only what they may see', async () => {
    const secret = await api.command('officer', bikeTask('security_info'));
    expect(secret.status).toBe(200);
    const asResident = await api.request('GET', '/v1/tasks', { as: 'wang' });
    const asOfficer = await api.request('GET', '/v1/tasks', { as: 'officer' });
    const ids = (list: Array<{ task: { id: string } }>) => list.map((record) => record.task.id);
    expect(ids(asOfficer.body)).toContain(secret.body.taskId);
    expect(ids(asResident.body)).not.toContain(secret.body.taskId);
    const hidden = await api.request('GET', `/v1/tasks/${secret.body.taskId}`, { as: 'wang' });
    expect(hidden.status).toBe(404);
    const nearbyOfOther = await api.request('GET', '/v1/participants/zhou/nearby', {
      as: 'wang',
    });
    expect(nearbyOfOther.status).toBe(403);
  });

  it('answers a profile by real id of an anonymous resident only to them and their center (#15)', async () => {
    await engine.host.execute({
      type: 'participant.register',
      idempotencyKey: 'register-li',
      participant: {
        id: 'li',
        circleId: 'civilized-city',
        kind: 'resident',
        displayName: '李',
        privacy: { anonymous: true, contactable: false },
      },
    });
    const profile = (id: string, as?: string) =>
      api.request('GET', `/v1/participants/${id}/profile`, as ? { as } : {});
    for (const as of [undefined, 'zhou', 'officer'])
      expect((await profile('li', as)).status, String(as)).toBe(404);
    expect((await profile('li', 'li')).status).toBe(200);
    const center = await profile('li', 'center');
    expect(center.body.participant.participant.id).toBe('li');
    const alias: string = center.body.reputation.pseudonym;
    const byAlias = await profile(alias);
    expect(byAlias.status).toBe(200);
    expect(byAlias.body.participant.participant.id).toBe(alias);
    expect(JSON.stringify(byAlias.body)).not.toContain('"li"');
  });
});
