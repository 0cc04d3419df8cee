import { QuanziError } from '@quanzi/core';
import { SignJWT } from 'jose';
import type { HttpAuth } from './HttpAuth';

/** Development credentials: the `auth` to give the service and a way to mint tokens for it. */
export interface DevelopmentAuth {
  /** Verifies only tokens this object signed (HS256, issuer `quanzi-development`). */
  readonly auth: HttpAuth;
  /** A bearer token naming `participantId`, valid for `expiresIn` (default one hour). */
  token(participantId: string, options?: { readonly expiresIn?: string }): Promise<string>;
}

const issuer = 'quanzi-development';
const audience = 'quanzi-http-api';

/**
 * DEVELOPMENT ONLY: tokens signed with a throwaway HMAC key made in memory, so the
 * example and its tests can authenticate without an identity provider. The key
 * dies with the process and anyone holding this object can act as anyone, so it
 * refuses to exist when `NODE_ENV` is `production`; a real deployment passes
 * `{ jwks }` or `{ key }` from its identity provider instead.
 */
export function createDevelopmentAuth(
  environment: string | undefined = process.env.NODE_ENV,
): DevelopmentAuth {
  if (environment === 'production') {
    throw new QuanziError({
      code: 'unsupported',
      path: ['NODE_ENV'],
      message: {
        en: 'Development tokens are refused when NODE_ENV is production; configure { jwks } or { key }',
        'zh-CN': 'NODE_ENV 为 production 时禁止使用开发令牌；请配置 { jwks } 或 { key }',
      },
    });
  }
  const secret = crypto.getRandomValues(new Uint8Array(32));
  return {
    auth: { key: secret, algorithms: ['HS256'], issuer, audience },
    token: (participantId, options = {}) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(participantId)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '1h')
        .sign(secret),
  };
}
