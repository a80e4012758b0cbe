import { readFileSync } from 'node:fs';
import { Pool, type Dispatcher } from 'undici';
import type { ProxyConfig, TlsConfig } from '../config/types.js';
import { ConfigError, InvalidResponseError } from '../errors.js';
import { translateTransportError } from './http-errors.js';
import { endpointOf } from './paths.js';
import { proxyFor } from './proxy.js';
import { createProxyDispatcher, withProxyContext } from './proxy-agent.js';

/** What a request produced: any status (non-2xx is not an error here), headers, and the decoded body. */
export interface TransportResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body; `undefined` for a non-2xx whose body is empty or not JSON. */
  readonly json: unknown;
}

/** A connection pool to one origin. Errors are already translated to the exporter's error family. */
export interface Transport {
  /** `maxBytes`: a 2xx body longer than this is refused (`InvalidResponseError`), below the transport's own cap. */
  get(path: string, headers: Record<string, string>, signal?: AbortSignal, maxBytes?: number): Promise<TransportResponse>;
  post(path: string, headers: Record<string, string>, body: string, signal?: AbortSignal): Promise<TransportResponse>;
  /** Destroys every connection; requests in flight fail with `UpstreamNetworkError`. Idempotent. */
  close(): Promise<void>;
}

export interface TransportOptions {
  /** `scheme://host[:port]`; any path is ignored. */
  readonly origin: string;
  readonly tls: TlsConfig;
  /** Connect, headers and body timeouts, and the overall deadline of each request. */
  readonly requestTimeoutMs: number;
  /** Connections kept to the origin, i.e. requests in flight at once. */
  readonly connections: number;
  /** The target's proxy; whether `origin` goes through it (scheme, `no_proxy`) is decided here. */
  readonly proxy?: ProxyConfig | undefined;
}

/** A 2xx whose body is empty or not JSON. Carries the status so callers can still record the response. */
export class InvalidBodyError extends InvalidResponseError {
  readonly status: number;
  constructor(endpoint: string, status: number, detail: string, options?: { cause?: unknown }) {
    super(endpoint, detail, options);
    this.status = status;
  }
}

// A System Tools page is a few hundred KiB at most; anything far larger is not the documented API.
const maxResponseBytes = 32 * 1024 * 1024;

/**
 * Creates one undici dispatcher for `origin`: a `Pool`, or a `ProxyAgent` when the target's proxy applies
 * to it. Bodies are always read to the end (or destroyed on error), so connections return to the pool.
 * TLS files are read once, here.
 *
 * Redirects are never followed (undici's dispatchers do not, and no redirect interceptor is added): a 3xx
 * reaches the caller as it is, so credentials are only ever sent to `origin`.
 */
export function createTransport(options: TransportOptions): Transport {
  const timeoutMs = options.requestTimeoutMs;
  const origin = new URL(options.origin).origin;
  const proxyUrl = proxyFor(new URL(origin), options.proxy);
  const limits = { connections: options.connections, headersTimeout: timeoutMs, bodyTimeout: timeoutMs, maxResponseSize: maxResponseBytes };
  const tls = tlsConnectOptions(options.tls);
  const dispatcher: Dispatcher =
    proxyUrl === undefined
      ? new Pool(origin, { ...limits, connectTimeout: timeoutMs, connect: tls })
      : createProxyDispatcher(proxyUrl, tls, limits, timeoutMs);
  let closed: Promise<void> | undefined;

  async function send(
    method: 'GET' | 'POST',
    path: string,
    headers: Record<string, string>,
    body: string | undefined,
    signal: AbortSignal | undefined,
    maxBytes?: number,
  ): Promise<TransportResponse> {
    const endpoint = endpointOf(path);
    signal?.throwIfAborted();
    // Header and body timeouts reset on every chunk; the deadline bounds the whole exchange.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    const onCallerAbort = (): void => deadline.abort(signal?.reason);
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      const res = await dispatcher.request({ origin, method, path, headers, body: body ?? null, signal: deadline.signal });
      const text = await res.body.text();
      if (maxBytes !== undefined && res.statusCode >= 200 && res.statusCode < 300 && Buffer.byteLength(text) > maxBytes) {
        throw new InvalidResponseError(endpoint, `response body larger than ${maxBytes} bytes`);
      }
      return { status: res.statusCode, headers: res.headers, json: decodeBody(text, res.statusCode, endpoint) };
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      const translated = translateTransportError(err, endpoint, timeoutMs, deadline.signal.aborted);
      throw proxyUrl === undefined ? translated : withProxyContext(translated, proxyUrl);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  return {
    get: (path, headers, signal, maxBytes) => send('GET', path, headers, undefined, signal, maxBytes),
    post: (path, headers, body, signal) => send('POST', path, headers, body, signal),
    close: () => (closed ??= dispatcher.destroy()),
  };
}

function decodeBody(text: string, status: number, endpoint: string): unknown {
  const ok = status >= 200 && status < 300;
  if (text.trim() === '') {
    if (ok) throw new InvalidBodyError(endpoint, status, `empty body with status ${status}`);
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    if (ok) throw new InvalidBodyError(endpoint, status, `body is not JSON (status ${status})`, { cause: err });
    return undefined;
  }
}

function tlsConnectOptions(tls: TlsConfig): {
  rejectUnauthorized: boolean;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  servername?: string;
} {
  const out: ReturnType<typeof tlsConnectOptions> = { rejectUnauthorized: !tls.insecureSkipVerify };
  if (tls.caFile !== undefined) out.ca = readTlsFile(tls.caFile, 'tls.ca_file');
  if (tls.certFile !== undefined) out.cert = readTlsFile(tls.certFile, 'tls.cert_file');
  if (tls.keyFile !== undefined) out.key = readTlsFile(tls.keyFile, 'tls.key_file');
  if (tls.serverName !== undefined && tls.serverName !== '') out.servername = tls.serverName;
  return out;
}

function readTlsFile(file: string, key: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError([{ file, path: key, message: `cannot read file (${code})` }], { cause: err });
  }
}
