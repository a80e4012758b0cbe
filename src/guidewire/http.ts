import { readFileSync } from 'node:fs';
import { Pool } from 'undici';
import type { TlsConfig } from '../config/types.js';
import { ConfigError, InvalidResponseError } from '../errors.js';
import { translateTransportError } from './http-errors.js';
import { endpointOf } from './paths.js';

/** What a request produced: any status (non-2xx is not an error here), headers, and the decoded body. */
export interface TransportResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body; `undefined` for a non-2xx whose body is empty or not JSON. */
  readonly json: unknown;
}

/** A connection pool to one origin. Errors are already translated to the exporter's error family. */
export interface Transport {
  get(path: string, headers: Record<string, string>, signal?: AbortSignal): Promise<TransportResponse>;
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
 * Creates one undici `Pool` for `origin`. Bodies are always read to the end (or destroyed on error),
 * so connections return to the pool. TLS files are read once, here.
 */
export function createTransport(options: TransportOptions): Transport {
  const timeoutMs = options.requestTimeoutMs;
  const pool = new Pool(new URL(options.origin).origin, {
    connections: options.connections,
    connectTimeout: timeoutMs,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    maxResponseSize: maxResponseBytes,
    connect: tlsConnectOptions(options.tls),
  });
  let closed: Promise<void> | undefined;

  async function send(
    method: 'GET' | 'POST',
    path: string,
    headers: Record<string, string>,
    body: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<TransportResponse> {
    const endpoint = endpointOf(path);
    signal?.throwIfAborted();
    // Header and body timeouts reset on every chunk; the deadline bounds the whole exchange.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    const onCallerAbort = (): void => deadline.abort(signal?.reason);
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      const res = await pool.request({ method, path, headers, body: body ?? null, signal: deadline.signal });
      const text = await res.body.text();
      return { status: res.statusCode, headers: res.headers, json: decodeBody(text, res.statusCode, endpoint) };
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      throw translateTransportError(err, endpoint, timeoutMs, deadline.signal.aborted);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  return {
    get: (path, headers, signal) => send('GET', path, headers, undefined, signal),
    post: (path, headers, body, signal) => send('POST', path, headers, body, signal),
    close: () => (closed ??= pool.destroy()),
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
