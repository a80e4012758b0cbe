import type { AuthConfigOf } from '../../config/auth-kinds.js';
import { readSecret } from '../../config/secret.js';
import { AuthError, InvalidResponseError, UpstreamTimeoutError } from '../../errors.js';
import { createTransport, type TransportResponse } from '../http.js';
import { parseTokenResponse, tokenErrorCode, type Token } from './oauth2-token.js';
import type { AuthDeps, AuthProvider } from './provider.js';

type OAuth2Config = AuthConfigOf<'oauth2'>;

/**
 * Where the client credentials go. `header` is HTTP Basic (RFC 6749 §2.3.1), `params` is the form body.
 * Unknown until a token request succeeds, like golang.org/x/oauth2's AuthStyleAutoDetect.
 */
type AuthStyle = 'header' | 'params';

/**
 * OAuth2 client-credentials provider: one token request at a time (concurrent callers share it),
 * the token cached until shortly before it expires. Errors never contain the secret, the token or
 * the request body: only the token endpoint's path, the status and the OAuth `error` code.
 */
export function createOAuth2Provider(config: OAuth2Config, deps: AuthDeps): AuthProvider {
  const url = new URL(config.tokenUrl);
  const endpoint = url.pathname;
  const transport = createTransport({
    origin: url.origin,
    tls: deps.tls,
    proxy: deps.proxy,
    requestTimeoutMs: deps.requestTimeoutMs,
    connections: 1,
  });
  const logger = deps.logger.child({ tokenEndpoint: endpoint });
  let cached: Token | undefined;
  let inflight: Promise<Token> | undefined;
  let style: AuthStyle | undefined;

  async function post(attempt: AuthStyle, secret: string): Promise<TransportResponse> {
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (config.scopes.length > 0) form.set('scope', config.scopes.join(' '));
    for (const [k, v] of Object.entries(config.endpointParams)) if (k !== 'grant_type') form.set(k, v);
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if (attempt === 'header') {
      const pair = `${formEncode(config.clientId)}:${formEncode(secret)}`;
      headers.authorization = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
    } else {
      form.set('client_id', config.clientId);
      form.set('client_secret', secret);
    }
    try {
      return await transport.post(url.pathname + url.search, headers, form.toString());
    } catch (err) {
      throw new AuthError(endpoint, describeFailure(err), { cause: err });
    }
  }

  async function fetchToken(): Promise<Token> {
    const secret = await readSecret(config.clientSecret);
    const requestedAt = deps.now();
    let attempt: AuthStyle = style ?? 'header';
    let res = await post(attempt, secret);
    if (style === undefined && rejectedClient(res)) {
      attempt = 'params';
      res = await post(attempt, secret);
    }
    if (res.status < 200 || res.status >= 300) {
      const code = tokenErrorCode(res.json);
      const suffix = code === undefined ? '' : ` (${code})`;
      throw new AuthError(endpoint, `token request answered ${res.status}${suffix}`, { status: res.status, ...(code === undefined ? {} : { oauthError: code }) });
    }
    const token = parseTokenResponse(res.json, requestedAt);
    if (typeof token === 'string') throw new AuthError(endpoint, token, { status: res.status });
    if (style !== attempt) logger.debug({ authStyle: attempt }, 'token endpoint accepted client credentials');
    style = attempt;
    cached = token;
    logger.debug({ expiresInSeconds: Math.round((token.expiresAt - requestedAt) / 1000) }, 'obtained OAuth2 token');
    return token;
  }

  return {
    async header(signal) {
      if (cached !== undefined && deps.now() < cached.refreshAt) return cached.header;
      inflight ??= fetchToken().finally(() => {
        inflight = undefined;
      });
      try {
        return (await untilAborted(inflight, signal)).header;
      } catch (err) {
        // A token still inside its validity window keeps working while the endpoint has a hiccup.
        const now = deps.now();
        if (!(signal?.aborted ?? false) && cached !== undefined && now < cached.expiresAt) {
          // Try again in a while, not on every request until expiry (each attempt may take a timeout).
          const retryAt = Math.min(cached.expiresAt, now + Math.min(refreshRetryMs, (cached.expiresAt - now) / 2));
          if (cached.refreshAt < retryAt) {
            cached = { ...cached, refreshAt: retryAt };
            logger.warn({ err }, 'token refresh failed; using the cached token until it expires');
          }
          return cached.header;
        }
        throw err;
      }
    },
    invalidate() {
      cached = undefined;
    },
    close: () => transport.close(),
  };
}

/** After a failed refresh, the cached token is used for at most this long before the next attempt. */
const refreshRetryMs = 10_000;

/** RFC 6749 §2.3.1: client id and secret are form-urlencoded before HTTP Basic encoding. */
function formEncode(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
}

function rejectedClient(res: TransportResponse): boolean {
  if (res.status !== 400 && res.status !== 401) return false;
  const code = tokenErrorCode(res.json);
  // Some servers answer a bad Basic header with a bare 401 and no OAuth error body.
  return code === 'invalid_client' || (res.status === 401 && code === undefined);
}

function describeFailure(err: unknown): string {
  if (err instanceof UpstreamTimeoutError) return `token request timed out after ${err.timeoutMs} ms`;
  if (err instanceof InvalidResponseError) return 'token response is not JSON';
  return 'token request failed (network)';
}

/** Waits for a shared promise, giving up early (for this caller only) when `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
