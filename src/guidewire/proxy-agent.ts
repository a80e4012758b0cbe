/**
 * The undici dispatcher for an origin reached through an HTTP(S) proxy, and the translation of what
 * went wrong into messages that name the proxy's host but never its credentials.
 */
import { Pool, ProxyAgent, type Dispatcher } from 'undici';
import { UpstreamNetworkError, type ExporterError } from '../errors.js';

/** Pool limits shared with the direct connection: see `createTransport`. */
export interface PoolLimits {
  readonly connections: number;
  readonly headersTimeout: number;
  readonly bodyTimeout: number;
  readonly maxResponseSize: number;
}

/** The target's TLS settings, as `tls.connect` options. */
export interface RequestTls {
  readonly rejectUnauthorized: boolean;
  readonly ca?: Buffer;
  readonly cert?: Buffer;
  readonly key?: Buffer;
  readonly servername?: string;
}

/**
 * A `ProxyAgent` through `proxyUrl` for one origin:
 * - `https://` origins go through a CONNECT tunnel; `requestTls` (the target's `tls_config`) applies to
 *   the TLS session with Guidewire inside it, end to end.
 * - `http://` origins are forwarded in absolute form (`GET http://host/path`), as curl and Go do, rather
 *   than tunnelled: many proxies allow CONNECT only to port 443.
 * - `user:password@` in the URL becomes a `Proxy-Authorization: Basic` header, given to undici as a token
 *   so that the credentials never sit in a URL undici might print.
 * The TLS session with an `https://` proxy itself uses the system CAs (and `NODE_EXTRA_CA_CERTS`).
 */
export function createProxyDispatcher(
  proxyUrl: string,
  requestTls: RequestTls,
  limits: PoolLimits,
  connectTimeoutMs: number,
): Dispatcher {
  const url = new URL(proxyUrl);
  const token = proxyAuthorization(url);
  return new ProxyAgent({
    uri: url.origin,
    ...(token !== undefined && { token }),
    proxyTunnel: false,
    requestTls: { ...requestTls, timeout: connectTimeoutMs },
    proxyTls: { timeout: connectTimeoutMs },
    ...limits,
    // Also used for the forwarding client of `http://` origins, which would otherwise get undici's
    // default limits rather than ours.
    factory: (origin, opts) => new Pool(origin, { ...opts, ...limits }),
    // The client that sends CONNECT: a request aborted while its tunnel is being set up only settles once
    // the CONNECT does, so a proxy that never answers must time out here, not after undici's 300 s.
    clientFactory: (origin, opts) => new Pool(origin, { ...opts, headersTimeout: limits.headersTimeout }),
  });
}

/** `Basic base64(user:password)` from the URL's userinfo (RFC 7617), or `undefined` without one. */
function proxyAuthorization(url: URL): string | undefined {
  if (url.username === '' && url.password === '') return undefined;
  const pair = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
}

/**
 * Adds which proxy a network failure happened through (`via proxy proxy.corp:3128`: host and port only).
 * Should any message in the error's cause chain contain the proxy's credentials, the error is replaced by
 * one that carries neither them nor the cause.
 */
export function withProxyContext(err: ExporterError, proxyUrl: string): ExporterError {
  const url = new URL(proxyUrl);
  // Defence in depth: undici is never given the userinfo, only the header. A password of a few characters
  // would match unrelated text and withhold every detail, so only longer ones are looked for.
  const secrets = [url.password, decodeURIComponent(url.password), proxyAuthorization(url)?.slice('Basic '.length)].filter(
    (s): s is string => s !== undefined && s.length >= 4,
  );
  if (secrets.length > 0 && leaks(err, secrets, new Set())) {
    const endpoint = 'endpoint' in err && typeof err.endpoint === 'string' ? err.endpoint : 'request';
    return new UpstreamNetworkError(endpoint, `failed via proxy ${url.host} (details withheld: they contained the proxy credentials)`, { proxy: url.host });
  }
  if (!(err instanceof UpstreamNetworkError)) return err;
  const refusal = proxyRefusal(err.message);
  const detail = refusal?.detail ?? err.message.slice(err.endpoint.length + 2);
  return new UpstreamNetworkError(err.endpoint, `${detail} (via proxy ${url.host})`, {
    cause: err.cause,
    proxy: url.host,
    ...(refusal === undefined ? {} : { proxyStatus: refusal.status }),
  });
}

/** undici's wording for a proxy's refusal, in the proxy's terms, with the proxy's status. */
function proxyRefusal(message: string): { readonly status: number; readonly detail: string } | undefined {
  const status = /Proxy Authentication Required \((407)\)|Proxy response \((\d{3})\) !== 200/.exec(message);
  const code = status?.[1] ?? status?.[2];
  if (code === undefined) return undefined;
  if (code === '407') return { status: 407, detail: 'the proxy answered 407 Proxy Authentication Required (check the credentials in the proxy URL)' };
  return { status: Number(code), detail: `the proxy refused the CONNECT tunnel with status ${code}` };
}

function leaks(err: unknown, secrets: readonly string[], seen: Set<unknown>): boolean {
  if (!(err instanceof Error) || seen.has(err)) return false;
  seen.add(err);
  const text = `${err.message}\n${err.stack ?? ''}`;
  if (secrets.some((s) => text.includes(s))) return true;
  if (err instanceof AggregateError && err.errors.some((inner) => leaks(inner, secrets, seen))) return true;
  return leaks(err.cause, secrets, seen);
}
