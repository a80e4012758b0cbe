import { isObject } from '../parse-fields.js';

/** A cached access token, ready to send. Times are milliseconds since the epoch. */
export interface Token {
  /** The full `Authorization` header value, e.g. `Bearer eyJ...`. */
  readonly header: string;
  /** From here on, callers fetch a new token. */
  readonly refreshAt: number;
  /** After this, the token is no longer used at all. */
  readonly expiresAt: number;
}

/** Used when the token response has no usable `expires_in` (Guidewire Hub's is typically 3600). */
export const defaultTokenLifetimeSeconds = 3600;
const maxRefreshMarginMs = 60_000;

// RFC 6749 A.12: access-token = 1*VSCHAR (%x20-7E). Anything else (CR, LF, NUL, non-ASCII) cannot go
// into an Authorization header: undici would refuse the request, and that would look like a network fault.
const accessTokenPattern = /^[\x20-\x7e]+$/;
// RFC 6749 A.13: a type name or a URI; printable ASCII without spaces covers both.
const tokenTypePattern = /^[\x21-\x7e]+$/;

/**
 * Reads a token endpoint's 2xx JSON (RFC 6749 §5.1). When it holds no usable token, returns the problem
 * as a message that never includes the token. The token is refreshed once less than min(60 s, 10% of
 * its lifetime) remains. Pure.
 */
export function parseTokenResponse(json: unknown, requestedAt: number): Token | string {
  if (!isObject(json)) return 'token response has no access_token';
  const accessToken = json.access_token;
  if (typeof accessToken !== 'string' || accessToken === '') return 'token response has no access_token';
  if (!accessTokenPattern.test(accessToken)) return 'token response access_token has characters not allowed in an HTTP header (RFC 6749 A.12: printable ASCII only)';
  const type = tokenType(json.token_type);
  if (!tokenTypePattern.test(type)) return 'token response token_type has characters not allowed in an HTTP header (RFC 6749 A.13)';
  const lifetimeMs = expiresInSeconds(json.expires_in) * 1000;
  const margin = Math.min(maxRefreshMarginMs, lifetimeMs * 0.1);
  return {
    header: `${type} ${accessToken}`,
    refreshAt: requestedAt + lifetimeMs - margin,
    expiresAt: requestedAt + lifetimeMs,
  };
}

/** The OAuth `error` code of a token endpoint's error body (RFC 6749 §5.2), when there is one. */
export function tokenErrorCode(json: unknown): string | undefined {
  if (!isObject(json)) return undefined;
  // Only the registered code shape: `error_description` is free text and may echo request input.
  return typeof json.error === 'string' && /^[\w.-]{1,64}$/.test(json.error) ? json.error : undefined;
}

function expiresInSeconds(value: unknown): number {
  // Some servers send expires_in as a numeric string.
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : defaultTokenLifetimeSeconds;
}

function tokenType(value: unknown): string {
  // Like golang.org/x/oauth2's Token.Type(): absent or any casing of "bearer" means "Bearer".
  if (typeof value !== 'string' || value === '' || value.toLowerCase() === 'bearer') return 'Bearer';
  return value;
}
