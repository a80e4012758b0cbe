/**
 * The exporter's error family. Every error has a stable `code` and, where it wraps a library error,
 * a `cause`. Library errors (undici, yaml, zod) are translated once, at the edge where they are caught.
 * Messages never contain secrets: they name endpoints (paths), statuses and config keys, never values.
 */

export const ErrorCodes = {
  config: 'GWE_CONFIG',
  upstreamStatus: 'GWE_UPSTREAM_STATUS',
  upstreamTimeout: 'GWE_UPSTREAM_TIMEOUT',
  upstreamNetwork: 'GWE_UPSTREAM_NETWORK',
  invalidResponse: 'GWE_INVALID_RESPONSE',
  limitExceeded: 'GWE_LIMIT_EXCEEDED',
  auth: 'GWE_AUTH',
} as const;
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

export class ExporterError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** One problem found in a configuration file, located as precisely as the source allows. */
export interface ConfigProblem {
  /** File the problem is in; `<demo>` or `<inline>` when there is no file. */
  readonly file: string;
  /** 1-based line and column; absent when the problem has no single position (e.g. an empty file). */
  readonly line?: number;
  readonly column?: number;
  /** Dotted key path, e.g. `targets[0].oauth2.client_secret_file`. Empty for the document root. */
  readonly path: string;
  readonly message: string;
}

/** Formats a problem as `file:line:col: path: message`, the form compilers and promtool use. */
export function formatConfigProblem(p: ConfigProblem): string {
  const pos = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`;
  return p.path === '' ? `${pos}: ${p.message}` : `${pos}: ${p.path}: ${p.message}`;
}

/** Invalid configuration. Carries every problem found, not only the first. */
export class ConfigError extends ExporterError {
  readonly problems: readonly ConfigProblem[];
  constructor(problems: readonly ConfigProblem[], options?: { cause?: unknown }) {
    const lines = problems.map(formatConfigProblem);
    super(ErrorCodes.config, `invalid configuration:\n  ${lines.join('\n  ')}`, options);
    this.problems = problems;
  }
}

/** Guidewire answered with a non-2xx status. `endpoint` is the request path (never the host's credentials). */
export class UpstreamStatusError extends ExporterError {
  readonly status: number;
  readonly endpoint: string;
  /** `errorCode` from a Guidewire-shaped error body, when there was one. */
  readonly upstreamCode: string | undefined;
  /** Seconds from a `Retry-After` header, when present and parseable. */
  readonly retryAfterSeconds: number | undefined;
  constructor(
    status: number,
    endpoint: string,
    details: { upstreamCode?: string | undefined; upstreamMessage?: string | undefined; retryAfterSeconds?: number | undefined } = {},
  ) {
    const suffix = details.upstreamMessage === undefined ? '' : `: ${details.upstreamMessage}`;
    super(ErrorCodes.upstreamStatus, `GET ${endpoint} answered ${status}${suffix}`);
    this.status = status;
    this.endpoint = endpoint;
    this.upstreamCode = details.upstreamCode;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

export class UpstreamTimeoutError extends ExporterError {
  readonly endpoint: string;
  readonly timeoutMs: number;
  constructor(endpoint: string, timeoutMs: number, options?: { cause?: unknown }) {
    super(ErrorCodes.upstreamTimeout, `${endpoint} timed out after ${timeoutMs} ms`, options);
    this.endpoint = endpoint;
    this.timeoutMs = timeoutMs;
  }
}

export class UpstreamNetworkError extends ExporterError {
  readonly endpoint: string;
  /** `host:port` of the proxy the request went through, when it did. */
  readonly proxy: string | undefined;
  /** The status a proxy refused the request with: 407, or that of a refused CONNECT tunnel. */
  readonly proxyStatus: number | undefined;
  constructor(endpoint: string, detail: string, options?: { cause?: unknown; proxy?: string; proxyStatus?: number }) {
    super(ErrorCodes.upstreamNetwork, `${endpoint}: ${detail}`, options);
    this.endpoint = endpoint;
    this.proxy = options?.proxy;
    this.proxyStatus = options?.proxyStatus;
  }
}

/** The response arrived but its body is not what the documented API returns. */
export class InvalidResponseError extends ExporterError {
  readonly endpoint: string;
  constructor(endpoint: string, detail: string, options?: { cause?: unknown }) {
    super(ErrorCodes.invalidResponse, `${endpoint}: invalid response: ${detail}`, options);
    this.endpoint = endpoint;
  }
}

/**
 * The response holds more than a configured limit allows (`limits:` in the configuration): a value too
 * long, too many items in a page or too many processes. Any upstream value in `detail` is truncated.
 */
export class LimitExceededError extends ExporterError {
  readonly endpoint: string;
  constructor(endpoint: string, detail: string, options?: { cause?: unknown }) {
    super(ErrorCodes.limitExceeded, `${endpoint}: limit exceeded: ${detail}`, options);
    this.endpoint = endpoint;
  }
}

/** Obtaining credentials failed (token endpoint refused, unreadable secret file). */
export class AuthError extends ExporterError {
  readonly endpoint: string;
  readonly status: number | undefined;
  /** The OAuth `error` code of a token endpoint's refusal (`invalid_client`, `invalid_scope`, …). */
  readonly oauthError: string | undefined;
  /** True when a `*_file` secret could not be read (then `endpoint` is the file's path). */
  readonly secretFile: boolean;
  constructor(endpoint: string, detail: string, options?: { cause?: unknown; status?: number; oauthError?: string; secretFile?: boolean }) {
    super(ErrorCodes.auth, `${endpoint}: ${detail}`, options);
    this.endpoint = endpoint;
    this.status = options?.status;
    this.oauthError = options?.oauthError;
    this.secretFile = options?.secretFile ?? false;
  }
}

/** The values of the `reason` label of `guidewire_poll_errors_total`. */
export const PollErrorReasons = [
  'auth',
  'not_found',
  'rate_limited',
  'server_error',
  'client_error',
  'timeout',
  'network',
  'invalid_response',
  'limit_exceeded',
] as const;
export type PollErrorReason = (typeof PollErrorReasons)[number];

/** Classifies any error thrown while polling into one `reason`. Pure. */
export function pollErrorReason(err: unknown): PollErrorReason {
  if (err instanceof AuthError) return 'auth';
  if (err instanceof UpstreamStatusError) {
    if (err.status === 401 || err.status === 403) return 'auth';
    if (err.status === 404) return 'not_found';
    if (err.status === 429) return 'rate_limited';
    if (err.status >= 500) return 'server_error';
    return 'client_error';
  }
  if (err instanceof UpstreamTimeoutError) return 'timeout';
  if (err instanceof InvalidResponseError) return 'invalid_response';
  if (err instanceof LimitExceededError) return 'limit_exceeded';
  return 'network';
}
