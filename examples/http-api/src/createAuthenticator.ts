import type { FastifyRequest } from 'fastify';
import { createRemoteJWKSet, type JWTVerifyOptions, jwtVerify } from 'jose';
import type { HttpAuth } from './HttpAuth';

/** Who a request comes from: nobody, a verified participant, or a credential that failed. */
export type Caller =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'participant'; readonly id: string }
  | { readonly kind: 'invalid' };

/** The longest participant id the schemas accept (IdSchema in core). */
const maxIdLength = 128;

/**
 * The function that turns a request's credential into a `Caller`, for one `HttpAuth`.
 * A malformed, expired or wrongly signed credential is `invalid`, never anonymous:
 * a caller who sent one should hear 401, not silently see the public view.
 */
export function createAuthenticator(auth: HttpAuth): (request: FastifyRequest) => Promise<Caller> {
  const valid = (id: unknown): Caller =>
    typeof id === 'string' && id.length >= 1 && id.length <= maxIdLength
      ? { kind: 'participant', id }
      : { kind: 'invalid' };
  if ('authenticate' in auth) {
    return async (request) => {
      try {
        const id = await auth.authenticate(request);
        return id === undefined ? { kind: 'anonymous' } : valid(id);
      } catch {
        return { kind: 'invalid' };
      }
    };
  }
  const options: JWTVerifyOptions = {
    requiredClaims: ['sub', 'exp'],
    ...(auth.issuer === undefined ? {} : { issuer: auth.issuer }),
    ...(auth.audience === undefined ? {} : { audience: auth.audience }),
    ...(auth.algorithms === undefined ? {} : { algorithms: [...auth.algorithms] }),
  };
  const verify =
    'jwks' in auth
      ? (() => {
          const keys = createRemoteJWKSet(new URL(auth.jwks));
          return (token: string) => jwtVerify(token, keys, options);
        })()
      : (token: string) => jwtVerify(token, auth.key, options);
  return async (request) => {
    const header = request.headers.authorization;
    if (header === undefined) return { kind: 'anonymous' };
    const match = /^Bearer[ ]+([A-Za-z0-9._~+/-]+=*)$/i.exec(header);
    if (!match?.[1]) return { kind: 'invalid' };
    try {
      const { payload } = await verify(match[1]);
      return valid(payload.sub);
    } catch {
      return { kind: 'invalid' };
    }
  };
}
