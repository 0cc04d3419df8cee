import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { isQuanziError } from '@quanzi/core';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevelopmentAuth } from '../src/createDevelopmentAuth';
import { createHttpService } from '../src/createHttpService';
import { createServiceEngine } from '../src/createServiceEngine';
import type { HttpAuth } from '../src/HttpAuth';
import { registerPeople } from './httpClient';

const policyFile = join(import.meta.dirname, '..', '..', 'policies', 'civilized-city.yaml');

/** A service with `auth` over a fresh engine, and a probe of who it thinks is calling. */
async function serve(auth: HttpAuth) {
  const engine = await createServiceEngine({ policyFile });
  await registerPeople(engine);
  const app = createHttpService(engine, { auth });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  /** The status of asking for zhou's claimable tasks: 200 only when authenticated as zhou. */
  const asZhou = async (headers: Record<string, string>) =>
    (await fetch(`${address}/v1/participants/zhou/nearby`, { headers })).status;
  return { app, asZhou };
}

const sign = (key: Parameters<SignJWT['sign']>[0], claims: { sub?: string; exp?: string }) => {
  let jwt = new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setIssuedAt();
  if (claims.sub) jwt = jwt.setSubject(claims.sub);
  if (claims.exp) jwt = jwt.setExpirationTime(claims.exp);
  return jwt.sign(key);
};

describe('authentication modes', () => {
  let keys: Awaited<ReturnType<typeof generateKeyPair>>;
  let jwksServer: Server;
  let jwksUrl = '';
  beforeAll(async () => {
    keys = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    jwksServer = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise((resolve) => jwksServer.close(resolve)));

  it('verifies JWTs against a JWKS URL and a configured key; `sub` names the participant', async () => {
    const other = await generateKeyPair('ES256');
    for (const auth of [{ jwks: jwksUrl }, { key: keys.publicKey }] satisfies HttpAuth[]) {
      const { app, asZhou } = await serve(auth);
      const bearer = async (token: Promise<string>) => ({ authorization: `Bearer ${await token}` });
      expect(await asZhou(await bearer(sign(keys.privateKey, { sub: 'zhou', exp: '1h' })))).toBe(
        200,
      );
      expect(await asZhou(await bearer(sign(keys.privateKey, { sub: 'wang', exp: '1h' })))).toBe(
        403,
      );
      // Wrong key, no expiry, no subject, expired: all 401.
      expect(await asZhou(await bearer(sign(other.privateKey, { sub: 'zhou', exp: '1h' })))).toBe(
        401,
      );
      expect(await asZhou(await bearer(sign(keys.privateKey, { sub: 'zhou' })))).toBe(401);
      expect(await asZhou(await bearer(sign(keys.privateKey, { exp: '1h' })))).toBe(401);
      expect(await asZhou(await bearer(sign(keys.privateKey, { sub: 'zhou', exp: '-1m' })))).toBe(
        401,
      );
      expect(await asZhou({ 'x-participant-id': 'zhou' })).toBe(401);
      await app.close();
    }
  });

  it('checks issuer and audience when configured', async () => {
    const { app, asZhou } = await serve({ key: keys.publicKey, issuer: 'idp', audience: 'quanzi' });
    const token = (issuer: string, audience: string) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'ES256' })
        .setSubject('zhou')
        .setIssuer(issuer)
        .setAudience(audience)
        .setExpirationTime('1h')
        .sign(keys.privateKey);
    expect(await asZhou({ authorization: `Bearer ${await token('idp', 'quanzi')}` })).toBe(200);
    expect(await asZhou({ authorization: `Bearer ${await token('evil', 'quanzi')}` })).toBe(401);
    expect(await asZhou({ authorization: `Bearer ${await token('idp', 'other')}` })).toBe(401);
    await app.close();
  });

  it('lets a portal with its own sessions name the participant; a throwing hook is 401', async () => {
    const { app, asZhou } = await serve({
      authenticate: (request) => {
        const session = request.headers.cookie?.match(/session=(\w+)/)?.[1];
        if (session === undefined) return undefined;
        if (session === 'zhou123') return 'zhou';
        throw new Error('unknown session');
      },
    });
    expect(await asZhou({ cookie: 'session=zhou123' })).toBe(200);
    expect(await asZhou({ cookie: 'session=forged' })).toBe(401);
    expect(await asZhou({})).toBe(401);
    await app.close();
  });

  it('development tokens are refused under NODE_ENV=production, and only verify their own', async () => {
    let refusal: unknown;
    try {
      createDevelopmentAuth('production');
    } catch (error) {
      refusal = error;
    }
    expect(isQuanziError(refusal) && refusal.code).toBe('unsupported');
    expect(isQuanziError(refusal) && refusal.messages['zh-CN']).toMatch(/开发令牌/);
    const mine = createDevelopmentAuth('test');
    const theirs = createDevelopmentAuth('test');
    const { app, asZhou } = await serve(mine.auth);
    expect(await asZhou({ authorization: `Bearer ${await mine.token('zhou')}` })).toBe(200);
    expect(await asZhou({ authorization: `Bearer ${await theirs.token('zhou')}` })).toBe(401);
    await app.close();
  });
});
