import type { FastifyRequest } from 'fastify';
import type { CryptoKey, JWK, KeyObject } from 'jose';

/** What every bearer-token verification checks besides the signature. */
export interface JwtChecks {
  /** The `iss` the tokens must carry. */
  readonly issuer?: string;
  /** The `aud` the tokens must carry. */
  readonly audience?: string;
  /** Accepted signature algorithms (`none` is never accepted). */
  readonly algorithms?: ReadonlyArray<string>;
}

/**
 * How the HTTP service learns who is calling. The actor of a request comes from a
 * verified credential only, never from a body field or a plain header:
 *
 * - `{ jwks }`: `Authorization: Bearer <JWT>` verified against the keys at a JWKS URL;
 * - `{ key }`: the same, against one configured key (a public key, a JWK or an HMAC secret);
 * - `{ authenticate }`: a portal with its own sessions names the participant itself,
 *   or answers `undefined` for a caller with no credential; a thrown error means the
 *   credential it found is invalid (401).
 *
 * A JWT's `sub` is the participant id; `sub` and `exp` are required.
 */
export type HttpAuth =
  | (JwtChecks & { readonly jwks: string | URL })
  | (JwtChecks & { readonly key: CryptoKey | KeyObject | JWK | Uint8Array })
  | {
      readonly authenticate: (
        request: FastifyRequest,
      ) => string | undefined | Promise<string | undefined>;
    };
