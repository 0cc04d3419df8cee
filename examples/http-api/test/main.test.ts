import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseErrors, parsePostedRequests, parseServices } from '@quanzi/open311';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** `pnpm start` as a person runs it: the real main.ts in its own process, on a free port. */
async function start(environment: Record<string, string>) {
  const child = spawn(
    process.execPath,
    ['--conditions=quanzi-source', '--import', 'tsx', 'src/main.ts'],
    {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, NODE_ENV: 'development', PORT: '0', ...environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  // Ready once the development token, the last line main.ts prints, is out.
  await new Promise<void>((resolve, reject) => {
    const check = () => (/Authorization: Bearer \S+\n/.test(output) ? resolve() : undefined);
    child.stdout?.on('data', check);
    child.on('exit', (code) => reject(new Error(`main.ts exited with ${code}:\n${output}`)));
  });
  const base = /Quanzi HTTP API on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
  if (!base) throw new Error(`no address in:\n${output}`);
  return { child, base, output };
}

const fixMyStreetPost = (apiKey: string) =>
  new URLSearchParams([
    ['jurisdiction_id', 'civilized-city'],
    ['api_key', apiKey],
    ['lat', '39.909123'],
    ['long', '116.397456'],
    ['email', 'li.lei@example.cn'],
    [
      'description',
      'title:  单车堵住小区门口\n\ndetail: 七八辆共享单车\n\nSubmitted via FixMyStreet\n',
    ],
    ['service_code', 'shared_bike_parking'],
    ['first_name', 'Lei'],
    ['last_name', 'Li'],
  ]).toString();

const post = (base: string, body: string) =>
  fetch(`${base}/open311/v2/requests.xml`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  }).then(async (response) => ({ status: response.status, text: await response.text() }));

describe('main.ts serves Open311 GeoReport v2 with its API keys', () => {
  const children: ChildProcess[] = [];
  let configured: Awaited<ReturnType<typeof start>>;
  let development: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    [configured, development] = await Promise.all([
      start({ QUANZI_OPEN311_API_KEYS: 'fms-7f3a9c=fixmystreet-gateway' }),
      start({ QUANZI_OPEN311_API_KEYS: '' }),
    ]);
    children.push(configured.child, development.child);
  }, 120_000);
  afterAll(() => {
    for (const child of children) child.kill();
  });

  it('lists the policy’s services for FixMyStreet’s jurisdiction', async () => {
    const response = await fetch(
      `${configured.base}/open311/v2/services.xml?jurisdiction_id=civilized-city`,
    );
    expect(response.status).toBe(200);
    const codes = parseServices(await response.text(), 'xml').map((s) => s.service_code);
    expect(codes).toContain('shared_bike_parking');
    expect(configured.output).toContain('Open311 GeoReport v2: /open311/v2');
  });

  it('takes a post with a configured key, once however often it is retried', async () => {
    const first = await post(configured.base, fixMyStreetPost('fms-7f3a9c'));
    expect(first.status, first.text).toBe(200);
    const id = parsePostedRequests(first.text, 'xml')[0]?.service_request_id;
    expect(id).toMatch(/\S/);
    const retry = await post(configured.base, fixMyStreetPost('fms-7f3a9c'));
    expect(parsePostedRequests(retry.text, 'xml')[0]?.service_request_id).toBe(id);
  });

  it('refuses a post without a key it knows', async () => {
    const answer = await post(configured.base, fixMyStreetPost('guessed'));
    expect(answer.status).toBe(403);
    expect(parseErrors(answer.text, 'xml')).toEqual([
      { code: 403, description: 'api_key: missing or not valid' },
    ]);
  });

  it('in development without keys, prints a throwaway key that works', async () => {
    const key = /DEVELOPMENT Open311 api_key[^:]*: (\S+)/.exec(development.output)?.[1];
    expect(key).toMatch(/^dev-/);
    const answer = await post(development.base, fixMyStreetPost(key ?? ''));
    expect(answer.status, answer.text).toBe(200);
    expect(configured.output).not.toMatch(/DEVELOPMENT Open311 api_key/);
    expect((await post(configured.base, fixMyStreetPost(key ?? ''))).status).toBe(403);
  });
});
