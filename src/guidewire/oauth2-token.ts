import { isObject } from './parse-fields.js';

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

/**
 * Reads a token endpoint's 2xx JSON (RFC 6749 §5.1). `undefined` when there is no `access_token`.
 * The token is refreshed once less than min(60 s, 10% of its lifetime) remains. Pure.
 */
export function parseTokenResponse(json: unknown, requestedAt: number): Token | undefined {
  if (!isObject(json)) return undefined;
  const accessToken = json.access_token;
  if (typeof accessToken !== 'string' || accessToken === '') return undefined;
  const lifetimeMs = expiresInSeconds(json.expires_in) * 1000;
  const margin = Math.min(maxRefreshMarginMs, lifetimeMs * 0.1);
  return {
    header: `${tokenType(json.token_type)} ${accessToken}`,
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
