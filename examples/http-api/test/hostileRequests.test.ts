import { request as rawRequest } from 'node:http';
import { join } from 'node:path';
import type { Engine } from '@quanzi/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevelopmentAuth } from '../src/createDevelopmentAuth';
import { createHttpService } from '../src/createHttpService';
import { createServiceEngine } from '../src/createServiceEngine';
import { bikeTask, listen, registerPeople } from './httpClient';

const policyFile = join(import.meta.dirname, '..', '..', 'policies', 'civilized-city.yaml');

/** Sends a request line verbatim (fetch would normalise a broken URL before it leaves). */
function sendRaw(address: string, path: string, headers: Record<string, string> = {}) {
  const { hostname, port } = new URL(address);
  return new Promise<{ status: number; type: string; body: Record<string, unknown> }>(
    (resolve, reject) => {
      const request = rawRequest({ hostname, port, path, method: 'GET', headers }, (response) => {
        let text = '';
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            type: response.headers['content-type'] ?? '',
            body: JSON.parse(text),
          }),
        );
      });
      request.on('error', reject);
      request.end();
    },
  );
}

describe('hostile requests get the right status and problem+json', () => {
  const development = createDevelopmentAuth();
  let engine: Engine;
  let api: Awaited<ReturnType<typeof listen>>;
  const position = () => engine.getPrivilegedSnapshot().position;
  const problemOf = (response: { headers: Headers; body: Record<string, unknown> }) => {
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type: expect.stringMatching(/^https:\/\//) });
    expect(typeof response.body.title).toBe('string');
    expect(response.body.title).not.toBe(response.body.code);
    return response.body;
  };

  beforeAll(async () => {
    engine = await createServiceEngine({ policyFile });
    await registerPeople(engine);
    api = await listen(
      createHttpService(engine, { auth: development.auth, bodyLimit: 64 * 1024 }),
      development,
    );
  });
  afterAll(() => api.close());

  it('413 for a body over the limit, before anything is applied', async () => {
    const before = position();
    const response = await api.request('POST', '/v1/commands', {
      body: { ...bikeTask(), note: 'x'.repeat(100 * 1024) },
      headers: { 'idempotency-key': 'huge' },
      as: 'center',
    });
    expect(response.status).toBe(413);
    expect(problemOf(response)).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(position()).toBe(before);
  });

  it('415 for a body that is not application/json', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const response = await api.request('POST', '/v1/commands', {
        body: JSON.stringify(bikeTask()),
        headers: { 'idempotency-key': `type-${type}`, 'content-type': type },
        as: 'center',
      });
      expect(response.status, type).toBe(415);
      expect(problemOf(response)).toMatchObject({ code: 'unsupported_media_type' });
    }
    const batch = await api.request('POST', '/v1/commands/batch', {
      body: '[]',
      headers: { 'content-type': 'text/plain' },
      as: 'center',
    });
    expect(batch.status).toBe(415);
  });

  it('414 for a URI over the limit, and a problem (431) even for one Node itself refuses', async () => {
    const long = await api.request('GET', `/v1/tasks/${'a'.repeat(5000)}`);
    expect(long.status).toBe(414);
    expect(problemOf(long)).toMatchObject({ code: 'uri_too_long' });
    const enormous = await sendRaw(api.address, `/v1/tasks/${'a'.repeat(40_000)}`);
    expect(enormous.status).toBe(431);
    expect(enormous.type).toMatch(/^application\/problem\+json/);
    expect(enormous.body.code).toBe('headers_too_large');
  });

  it('400 problem+json for bad percent-encoding, 404 for unknown routes and methods', async () => {
    const bad = await sendRaw(api.address, '/v1/tasks/%E0%A4%A', { 'accept-language': 'zh-CN' });
    expect(bad.status).toBe(400);
    expect(bad.type).toMatch(/^application\/problem\+json/);
    expect(bad.body).toMatchObject({ code: 'invalid_input', title: '请求无效。' });
    for (const [method, path] of [
      ['GET', '/nope'],
      ['GET', '/v1/tasks/a/b'],
      ['DELETE', '/v1/tasks'],
      ['PUT', '/v1/commands'],
    ] as const) {
      const response = await api.request(method, path);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(problemOf(response)).toMatchObject({ code: 'route_not_found' });
    }
  });

  it('accepts path ids up to the schema’s 128 characters, names the field beyond', async () => {
    const at128 = await api.request('GET', `/v1/tasks/${'t'.repeat(128)}`);
    expect(at128.status).toBe(404);
    expect(problemOf(at128)).toMatchObject({ code: 'not_found' });
    const encoded = await api.request('GET', `/v1/tasks/${'t'.repeat(120)}%3Aabcdefg`);
    expect(encoded.status).toBe(404);
    const chinese = await api.request('GET', `/v1/tasks/${encodeURIComponent('任务')}`);
    expect(chinese.status).toBe(400);
    expect(problemOf(chinese).issues).toEqual([expect.objectContaining({ path: ['taskId'] })]);
    const at129 = await api.request('GET', `/v1/participants/${'p'.repeat(129)}/profile`);
    expect(at129.status).toBe(400);
    expect(problemOf(at129).issues).toEqual([expect.objectContaining({ path: ['participantId'] })]);
  });

  it('answers detail and title in the request’s language', async () => {
    const zh = await api.request('POST', '/v1/commands', {
      body: bikeTask(),
      headers: { 'idempotency-key': 'zh', 'accept-language': 'zh-CN,zh;q=0.9' },
    });
    expect(zh.status).toBe(401);
    expect(zh.body.title).toBe('需要有效的身份凭证。');
    expect(zh.body.detail).toMatch(/令牌/);
    const en = await api.request('POST', '/v1/commands', {
      body: bikeTask(),
      headers: { 'idempotency-key': 'en', 'accept-language': 'en-GB' },
    });
    expect(en.body.title).toBe('A valid credential is required.');
    expect(en.body.message['zh-CN']).toBe(zh.body.detail);
  });
});

describe('queries: the viewer is the authenticated participant, never a header', () => {
  const development = createDevelopmentAuth();
  let api: Awaited<ReturnType<typeof listen>>;
  let secretId = '';
  beforeAll(async () => {
    const engine = await createServiceEngine({ policyFile });
    await registerPeople(engine);
    api = await listen(createHttpService(engine, { auth: development.auth }), development);
    const secret = await api.command('officer', bikeTask('security_info'));
    secretId = secret.body.taskId;
  });
  afterAll(() => api.close());

  it('shows officers-only tasks to the officer, not to X-Participant-Id: officer without a credential', async () => {
    const ids = (list: Array<{ task: { id: string } }>) => list.map((record) => record.task.id);
    const officer = await api.request('GET', '/v1/tasks', { as: 'officer' });
    expect(ids(officer.body)).toContain(secretId);
    const forged = await api.request('GET', '/v1/tasks', {
      headers: { 'x-participant-id': 'officer' },
    });
    expect(forged.status).toBe(200);
    expect(ids(forged.body)).not.toContain(secretId);
    const one = await api.request('GET', `/v1/tasks/${secretId}`, {
      headers: { 'x-participant-id': 'officer' },
    });
    expect(one.status).toBe(404);
  });

  it('401 for a broken credential on a query rather than a silent public view', async () => {
    const response = await api.request('GET', '/v1/tasks', {
      headers: { authorization: 'Bearer broken' },
    });
    expect(response.status).toBe(401);
    const host = await api.request('GET', '/v1/tasks', { as: 'system' });
    expect(host.status).toBe(403);
    const nearby = await api.request('GET', '/v1/participants/zhou/nearby');
    expect(nearby.status).toBe(401);
    const own = await api.request('GET', '/v1/participants/zhou/nearby', { as: 'zhou' });
    expect(own.status).toBe(200);
  });
});
