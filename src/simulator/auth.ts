import { timingSafeEqual } from 'node:crypto';
import { guidewireError } from './guidewire-errors.js';
import type { SimResponse } from './http-io.js';
import type { TokenStore } from './token-store.js';
import { readBasicHeader } from './basic-header.js';

/** Checks the `Authorization` header of System Tools API requests. */

export interface BasicCredentials {
  readonly username: string;
  readonly password: string;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface ApiAuth {
  readonly basic?: BasicCredentials | undefined;
  /** Present when OAuth2 is configured. */
  readonly tokens?: TokenStore | undefined;
}

/**
 * Returns `undefined` when the request may proceed, or the 401 to answer. With no method configured,
 * everything is allowed; with both, either is accepted.
 */
export function authorize(auth: ApiAuth, header: string | undefined, now: number): SimResponse | undefined {
  if (auth.basic === undefined && auth.tokens === undefined) return undefined;
  const challenges = [auth.basic ? 'Basic realm="Guidewire"' : undefined, auth.tokens ? 'Bearer realm="Guidewire"' : undefined];
  const deny = (developerMessage: string): SimResponse =>
    guidewireError(401, 'Authentication failed', developerMessage, {
      'www-authenticate': challenges.filter((c) => c !== undefined).join(', '),
    });
  if (header === undefined || header === '') return deny('No Authorization header was supplied');
  const basic = readBasicHeader(header);
  if (basic !== undefined && auth.basic !== undefined) {
    const ok = sameText(basic.user, auth.basic.username) && sameText(basic.password, auth.basic.password);
    return ok ? undefined : deny('Invalid username or password');
  }
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (bearer !== undefined && auth.tokens !== undefined) {
    const state = auth.tokens.check(bearer, now);
    if (state === 'valid') return undefined;
    return deny(state === 'expired' ? 'The access token has expired' : 'The access token is not valid');
  }
  return deny('Unsupported authorization scheme');
}
