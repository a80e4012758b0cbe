import { randomBytes } from 'node:crypto';

/** OAuth2 access tokens issued by the simulator, with expiry judged by the injected clock. */

export type TokenState = 'valid' | 'expired' | 'unknown';

export interface IssuedToken {
  readonly accessToken: string;
  readonly expiresIn: number;
}

export interface TokenStore {
  /** Issues a JWT-looking bearer token for `clientId`, valid for `ttlSeconds` from `now`. */
  issue(clientId: string, scope: string, now: number): IssuedToken;
  /** Whether `token` was issued here and has not expired at `now`. */
  check(token: string, now: number): TokenState;
  readonly issued: number;
}

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Creates an empty token store whose tokens live `ttlSeconds`. */
export function createTokenStore(ttlSeconds: number): TokenStore {
  const expiries = new Map<string, number>();
  let issued = 0;
  return {
    issue(clientId, scope, now) {
      // Forget tokens long expired so a long demo does not grow without bound.
      for (const [token, expiresAt] of expiries) if (expiresAt + ttlSeconds * 1000 < now) expiries.delete(token);
      const iat = Math.floor(now / 1000);
      const header = { kid: 'simulator', alg: 'RS256' };
      const payload = {
        ver: 1,
        jti: `AT.${randomBytes(12).toString('base64url')}`,
        iss: 'guidewire-simulator/oauth2/default',
        aud: 'api://default',
        iat,
        exp: iat + ttlSeconds,
        cid: clientId,
        scp: scope === '' ? [] : scope.split(' '),
        sub: clientId,
      };
      const accessToken = `${base64url(header)}.${base64url(payload)}.${randomBytes(32).toString('base64url')}`;
      expiries.set(accessToken, now + ttlSeconds * 1000);
      issued += 1;
      return { accessToken, expiresIn: ttlSeconds };
    },
    check(token, now) {
      const expiresAt = expiries.get(token);
      if (expiresAt === undefined) return 'unknown';
      return now < expiresAt ? 'valid' : 'expired';
    },
    get issued() {
      return issued;
    },
  };
}
